/**
 * The origin every absolute link is written with (feeds, canonical and share tags, calendar
 * addresses): `PUBLIC_URL`, else this machine on `PORT`. Never the request's Host or forwarded
 * headers, which a client chooses: a page stored for everyone must not carry one client's host.
 */
export function publicOrigin(): string {
  const configured = process.env.PUBLIC_URL?.trim()
  if (!configured) return `http://localhost:${process.env.PORT || 3000}`
  const url = new URL(configured)
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must be http(s): ${configured}`)
  return url.origin
}
