import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// next-intl as Keel's next.config.ts sets it up: messages precompiled at build time, the light formatter in the browser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const config: NextConfig = { turbopack: { root: path.resolve(import.meta.dirname, "..", "..") } };
export default withNextIntl(config);
