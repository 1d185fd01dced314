/**
 * A state-changing request sent by another site (CSRF): its Origin names another host, or the
 * browser says it is cross-site. Used by the HTTP server for every request and by the guards.
 *
 * With `requireSource` (the HTTP server), a write must also show where it comes from: an Origin,
 * else a Referer of this origin. Browsers send one of them on every form POST; a request with
 * neither is refused rather than trusted. The guards inside Remix leave it out: they also answer
 * requests made in-process (the integration tests), which come from no page.
 */
export function isCrossSiteWrite(input: {
  method: string
  expectedOrigin: string | readonly string[]
  origin: string | null | undefined
  fetchSite: string | null | undefined
  referer?: string | null | undefined
  requireSource?: boolean
}): boolean {
  if (input.method === 'GET' || input.method === 'HEAD' || input.method === 'OPTIONS') return false
  if (input.fetchSite === 'cross-site') return true
  const expected = typeof input.expectedOrigin === 'string' ? [input.expectedOrigin] : input.expectedOrigin
  if (input.origin) return !expected.includes(input.origin)
  if (!input.requireSource) return false
  return !input.referer || !expected.includes(originOf(input.referer))
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'null'
  }
}
