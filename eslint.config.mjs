import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Playwright fixtures pass a callback named `use`; it is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    "out/**",
    "build/**",
    "circuits/build/**",
    "next-env.d.ts",
    "contracts/**",
    "contracts-abi/abi/**",
    "test-results/**",
    "playwright-report/**",
    ".keel/**",
    "**/.next/**",
  ]),
]);
