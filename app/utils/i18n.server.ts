import { asLocale, type Locale, negotiateLocale } from '~/domain/locale'

const LOCALE_COOKIE = 'siji_lang'
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365

function readLocaleCookie(header: string): string | null {
  for (const part of header.split(';')) {
    const [key, value] = part.trim().split('=')
    if (key === LOCALE_COOKIE) return value ?? null
  }
  return null
}

/** The reader's language from the raw parts of a request (the page cache has no Request object). */
export function resolveLocaleFrom(parts: {
  query: string | null
  cookieHeader: string | null
  acceptLanguage: string | null
}): Locale {
  return negotiateLocale({
    query: parts.query,
    cookie: readLocaleCookie(parts.cookieHeader ?? ''),
    acceptLanguage: parts.acceptLanguage,
  })
}

export function resolveLocale(request: Request): Locale {
  return resolveLocaleFrom({
    query: new URL(request.url).searchParams.get('lang'),
    cookieHeader: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
}

/** When the URL asks for a language, the answer remembers it in a cookie. */
export function rememberLocaleHeader(request: Request): string | null {
  const url = new URL(request.url)
  const asked = asLocale(url.searchParams.get('lang'))
  if (!asked) return null
  const secure = url.protocol === 'https:' ? '; Secure' : ''
  return `${LOCALE_COOKIE}=${asked}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax; HttpOnly${secure}`
}
