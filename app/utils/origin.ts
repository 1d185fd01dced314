/**
 * A state-changing request sent by another site (CSRF): its Origin names another host, or the
 * browser says it is cross-site. Used by the HTTP server for every request and by the guards.
 */
export function isCrossSiteWrite(input: {
  method: string
  expectedOrigin: string
  origin: string | null | undefined
  fetchSite: string | null | undefined
}): boolean {
  if (input.method === 'GET' || input.method === 'HEAD' || input.method === 'OPTIONS') return false
  if (input.fetchSite === 'cross-site') return true
  return !!input.origin && input.origin !== input.expectedOrigin
}
