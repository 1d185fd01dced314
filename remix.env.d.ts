/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module '@remix-run/node' {
  /** Given by the HTTP server (server.ts) to every loader and action. */
  interface AppLoadContext {
    /** The client's address, behind the trusted proxy the one it reported (TRUST_PROXY). */
    clientAddress?: string
  }
}

export {}
