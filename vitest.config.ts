import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "indexer/**/*.test.ts",
      "agents/**/*.test.ts",
      "scripts/**/*.test.ts",
      "contracts-abi/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    environment: "node",
    globalSetup: ["scripts/lib/vitest-temp.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
