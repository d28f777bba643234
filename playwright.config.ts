import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium";

/** The journeys that also run on a phone (390 × 844, touch), and the specs only a phone needs. */
const PHONE_JOURNEYS = ["open-vault-and-borrow.spec.ts", "multiply.spec.ts", "every-page.spec.ts", "accessibility.spec.ts"];

// The suite starts its own anvil, deploys Keel and serves the production build (`npm start`'s server) on free ports:
// see e2e/support/global-setup.ts. Chromium is Debian's (/usr/bin/chromium); nothing is downloaded.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // e2e/dev-server.spec.ts runs against `next dev`: playwright.dev.config.ts.
  testIgnore: "dev-server.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  outputDir: "test-results/artifacts",
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 860 },
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  projects: [
    { name: "desktop", testIgnore: ["dev-server.spec.ts"] },
    {
      // A phone: 390 × 844 CSS px, touch, mobile viewport rules, an Android user agent (so RainbowKit shows its mobile
      // dialog); fixtures check after every test that no page scrolls sideways.
      name: "phone",
      testMatch: PHONE_JOURNEYS,
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: devices["Pixel 7"].userAgent },
    },
  ],
});
