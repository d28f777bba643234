import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl: the request configuration (locale from a cookie, its messages) lives in i18n/request.ts.
// The messages are compiled at build time (`precompile`): the browser gets their parsed form and next-intl's light
// formatter instead of the ICU parser, which parsed each message on first use and resolved its locale each time.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const dev = process.env.NODE_ENV !== "production";

// Wallet-friendly CSP: injected wallets run in their own extension context; the app itself only needs to reach its
// RPC endpoints (https anywhere, plain http only on this machine for local chains) and show wallet icons (data:, https:).
const csp = [
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

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Next 16 blocks its dev resources (HMR, chunks) for any origin but localhost: the app opened at 127.0.0.1 — the
  // address the local chain prints — stayed unhydrated. Both must work (e2e/dev-server.spec.ts).
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  poweredByHeader: false,
  experimental: {
    // A page's first load in as few scripts as Turbopack will make (8 on the vault page and /risk instead of 22): a
    // request costs more than code fetched twice (`requestCost`), no small chunks (`minChunkSize`), at most two chunks
    // per group. The framework's chunks stay shared by every route. Measured in docs/performance.md (2026-12-05,
    // twenty-sixth session): 20 interleaved phone runs each, the vault page's Lighthouse median 77.5 → 81, /risk's
    // 81.5 → 86. The cost: the first visit to a third page (after `/` and another) fetches 36–48 KiB (gzip) more than
    // before, as each page's own chunk repeats library code another page's chunk has; the build's client JS in all is
    // 27 % larger (10.4 → 13.3 MB uncompressed), lazy chunks included.
    turbopackChunking: { requestCost: 10_000_000, minChunkSize: 1_000_000, maxChunkCountPerGroup: 2 },
  },
  // Source maps of the browser's chunks only for a profiling build (`KEEL_SOURCE_MAPS=1 npm run build`, read by
  // `npm run bench:profile` to name what the minified chunks run); the build to ship serves none.
  productionBrowserSourceMaps: process.env.KEEL_SOURCE_MAPS === "1",
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
