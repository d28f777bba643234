import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as generated from "./generated";
import { ABI_CONTRACTS } from "./contracts";

// Fails when contracts-abi/generated.ts is out of date with the forge build: run `npm run abi` and commit.
const exportName = (contract: string) =>
  contract.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]+$|^[A-Z]/, (m) => m.toLowerCase()).replace(/ERC(\d+)/g, "Erc$1") + "Abi";

const OUT = path.join(__dirname, "..", "contracts", "out");

/** forge writes `out/<File>.sol/<Contract>.json`; an interface declared inside another file lives under that file. */
function artifactPath(name: string): string {
  const own = path.join(OUT, `${name}.sol`, `${name}.json`);
  if (existsSync(own)) return own;
  const dir = readdirSync(OUT).find((d) => d.endsWith(".sol") && !d.endsWith(".t.sol") && existsSync(path.join(OUT, d, `${name}.json`)));
  return dir ? path.join(OUT, dir, `${name}.json`) : own;
}

describe("generated ABIs", () => {
  for (const name of ABI_CONTRACTS) {
    it(`${name} matches contracts/out`, () => {
      const artifact = JSON.parse(
        readFileSync(artifactPath(name), "utf8"),
      ) as { abi: unknown };
      const abi = (generated as Record<string, unknown>)[exportName(name)];
      expect(abi, `${exportName(name)} missing from generated.ts — run npm run abi`).toBeDefined();
      expect(abi, `${name} ABI is stale — run npm run abi`).toEqual(artifact.abi);
    });
  }
});
