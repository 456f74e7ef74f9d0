// The Content-Security-Policy of the console's pages, one constant for every shell: Electron
// sets it on each response of its session, the browser host on each page it serves.
// connect-src 'self' also admits the browser host's own WebSocket (ws: on the same host and port).
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
