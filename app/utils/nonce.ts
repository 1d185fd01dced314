import { createContext, useContext } from 'react'

/**
 * The per-response nonce that lets Remix's and React's own inline scripts run under the
 * Content-Security-Policy. Only the server knows it; in the browser it is empty.
 */
const NonceContext = createContext('')

export const NonceProvider = NonceContext.Provider

export function useNonce(): string {
  return useContext(NonceContext)
}
