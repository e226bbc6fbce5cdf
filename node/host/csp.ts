/**
 * The Content-Security-Policy of the app's pages, in both shells: scripts only from the app
 * itself, no eval, no inline scripts. `connect` is where the API lives (the WebSocket in the
 * browser mode). 'wasm-unsafe-eval' lets the renderer compile WebAssembly, nothing else.
 */
export function contentSecurityPolicy(connect: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
