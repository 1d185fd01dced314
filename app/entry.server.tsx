import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { withoutTrailingNulBytes } from '~/utils/html-stream.server'
import { createI18n } from '~/utils/i18n'
import { rememberLocaleHeader, resolveLocale } from '~/utils/i18n.server'
import { NonceProvider } from '~/utils/nonce'
import { createNonce, setSecurityHeaders } from '~/utils/security-headers.server'

const ABORT_DELAY = 5_000

/**
 * A signed-in reader's page is never stored by a shared proxy nor kept for the back button after
 * signing out, whatever the route said. Documents know from the root loader whether a session was
 * found; data requests (client navigation) go by the session cookie, which only errs towards
 * not storing.
 */
const SIGNED_IN_CACHE_CONTROL = 'private, no-store'

function hasSessionCookie(request: Request): boolean {
  return /(?:^|;\s*)siji_session=/.test(request.headers.get('Cookie') ?? '')
}

function addCommonHeaders(request: Request, headers: Headers, nonce: string | null, signedIn: boolean): void {
  setSecurityHeaders(headers, nonce)
  if (signedIn) headers.set('Cache-Control', SIGNED_IN_CACHE_CONTROL)
  const localeCookie = rememberLocaleHeader(request)
  if (localeCookie) headers.append('Set-Cookie', localeCookie)
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  addCommonHeaders(request, response.headers, null, hasSessionCookie(request))
  return response
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const i18n = createI18n(resolveLocale(request))
  const nonce = createNonce()
  const root = remixContext.staticHandlerContext.loaderData.root as { user: unknown } | undefined
  addCommonHeaders(request, responseHeaders, nonce, root ? Boolean(root.user) : hasSessionCookie(request))
  // Crawlers and no-JS clients get the whole page at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const body = withoutTrailingNulBytes()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}
