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
  {
    // A page loads what it imports: app code takes each contract's ABI from its own file (contracts-abi/abi/<Name>.ts),
    // never the index of all 33; the Keel-errors ABIs (contracts-abi/call.ts) come with the transactor, on demand.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "hooks/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "**/*.fixture.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^@|\\.\\.)/(.*/)?contracts-abi$",
              message: "Import the contract's own ABI file (contracts-abi/abi/<Name>), so a page loads only the ABIs it uses.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "hooks/**/*.{ts,tsx}"],
    ignores: ["hooks/use-transactor.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "(^@|\\.\\.)/(.*/)?contracts-abi$", message: "Import the contract's own ABI file (contracts-abi/abi/<Name>)." },
            {
              regex: "contracts-abi/call$",
              message: "Pass the contract's plain ABI: the transactor adds every Keel error when it runs (hooks/use-transactor.tsx).",
            },
          ],
        },
      ],
    },
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
