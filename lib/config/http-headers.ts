/**
 * The headers every answer of the app carries: its Content Security Policy and the browser's other protections. One
 * list for `next.config.ts` (Next sends it with pages, routes and its own static files) and for the production server's
 * precompressed static files (`scripts/serve.ts`).
 */
const dev = process.env.NODE_ENV !== "production";

// Wallet-friendly CSP: injected wallets run in their own extension context; the app itself only needs to reach its
// RPC endpoints (https anywhere, plain http only on this machine for local chains) and show wallet icons (data:, https:).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval': the private page's proving worker compiles the circuit's witness generator and snarkjs's WebAssembly.
  `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
  // blob:: snarkjs's thread pool (one worker per core, started by the proving worker from a blob: URL).
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self' https: wss: http://127.0.0.1:* http://localhost:*" + (dev ? " ws://localhost:* ws://127.0.0.1:*" : ""),
  // WalletConnect's verify page (listed only when NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID is set).
  "frame-src 'self' https://verify.walletconnect.com https://verify.walletconnect.org",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];
