import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { SECURITY_HEADERS } from "./lib/config/http-headers";

// next-intl: the request configuration (locale from a cookie, its messages) lives in i18n/request.ts.
// The messages are compiled at build time (`precompile`): the browser gets their parsed form and next-intl's light
// formatter instead of the ICU parser, which parsed each message on first use and resolved its locale each time.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

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
        headers: [...SECURITY_HEADERS],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
