import { defineConfig } from "@wagmi/cli";
import { foundry } from "@wagmi/cli/plugins";
import { ABI_CONTRACTS } from "./contracts-abi/contracts";

// `npm run abi`: typed ABIs from the forge build (run `npm run contracts:build` first). Never edit the output by hand.
// One file per contract (contracts-abi/abi/<Name>.ts, all re-exported by contracts-abi/index.ts): a page's bundle then
// holds the ABIs it imports and no other (the bundler keeps a module whole: with one file, every page that read one
// contract loaded all 33 ABIs, ~185 KB minified).
export default defineConfig(
  ABI_CONTRACTS.map((name) => ({
    out: `contracts-abi/abi/${name}.ts`,
    plugins: [foundry({ project: "contracts", forge: { build: false }, include: [`${name}.json`] })],
  })),
);
