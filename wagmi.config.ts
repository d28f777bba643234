import { defineConfig } from "@wagmi/cli";
import { foundry } from "@wagmi/cli/plugins";
import { ABI_CONTRACTS } from "./contracts-abi/contracts";

// `npm run abi`: typed ABIs from the forge build (run `npm run contracts:build` first). Never edit the output by hand.
export default defineConfig({
  out: "contracts-abi/generated.ts",
  plugins: [
    foundry({
      project: "contracts",
      forge: { build: false },
      include: ABI_CONTRACTS.map((name) => `${name}.json`),
    }),
  ],
});
