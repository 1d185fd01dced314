import { randomBytes } from 'node:crypto'

export function createNonce(): string {
  return randomBytes(16).toString('base64')
}

/**
 * Scripts run only from this origin or with this response's nonce, so text that slips past
 * escaping still cannot run. Development keeps only the framing rules, for the dev tools.
 */
export function contentSecurityPolicy(nonce: string | null): string {
  const always = ["frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]
  if (!nonce || process.env.NODE_ENV === 'development') return always.join('; ')
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    ...always,
  ].join('; ')
}

/**
 * Powerful browser features no page of Siji uses, switched off so that text slipping past
 * escaping, or a framed page, cannot ask a child's device for them.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
].join(', ')

export function setSecurityHeaders(headers: Headers, nonce: string | null): void {
  headers.set('X-Content-Type-Options', 'nosniff')
  headers.set('Referrer-Policy', 'same-origin')
  headers.set('X-Frame-Options', 'DENY')
  headers.set('Permissions-Policy', PERMISSIONS_POLICY)
  headers.set('Content-Security-Policy', contentSecurityPolicy(nonce))
}
