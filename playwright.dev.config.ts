import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The app under `next dev` (not the production build): what `npm run dev` serves. One small spec — the dev server
// compiles each page on first visit, so this stays short. Run: npx playwright test -c playwright.dev.config.ts
process.env.KEEL_E2E_DEV = "1";

export default defineConfig({
  ...base,
  testMatch: "dev-server.spec.ts",
  testIgnore: [],
  projects: [{ name: "desktop" }],
  timeout: 180_000,
  expect: { timeout: 120_000 },
});
