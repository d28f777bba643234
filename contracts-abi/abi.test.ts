import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as generated from ".";
import { ABI_CONTRACTS } from "./contracts";

// Fails when contracts-abi/abi/ is out of date with the forge build: run `npm run abi` and commit.
const exportName = (contract: string) =>
  contract.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]+$|^[A-Z]/, (m) => m.toLowerCase()).replace(/ERC(\d+)/g, "Erc$1") + "Abi";

const out = path.join(__dirname, "..", "contracts", "out");
/** A contract's forge artifact: out/<Name>.sol/<Name>.json, or out/<File>.sol/<Name>.json when declared in another file. */
const artifactPath = (name: string) => {
  const own = path.join(out, `${name}.sol`, `${name}.json`);
  if (existsSync(own)) return own;
  const dir = readdirSync(out).find((d) => existsSync(path.join(out, d, `${name}.json`)));
  return path.join(out, dir ?? `${name}.sol`, `${name}.json`);
};

describe("generated ABIs", () => {
  it("one file per listed contract in contracts-abi/abi/, each re-exported by the index, and no other", () => {
    const files = readdirSync(path.join(__dirname, "abi")).map((f) => f.replace(/\.ts$/, ""));
    expect([...files].sort(), "contracts-abi/abi/ holds a file for a contract not in ABI_CONTRACTS (delete it) or lacks one (npm run abi)").toEqual(
      [...ABI_CONTRACTS].sort(),
    );
    const index = readFileSync(path.join(__dirname, "index.ts"), "utf8");
    for (const name of ABI_CONTRACTS)
      expect(index, `contracts-abi/index.ts does not re-export ./abi/${name}`).toContain(`export * from "./abi/${name}";`);
  });

  for (const name of ABI_CONTRACTS) {
    it(`${name} matches contracts/out`, () => {
      const artifact = JSON.parse(readFileSync(artifactPath(name), "utf8")) as { abi: unknown };
      const abi = (generated as Record<string, unknown>)[exportName(name)];
      expect(abi, `${exportName(name)} missing from contracts-abi/abi — run npm run abi`).toBeDefined();
      expect(abi, `${name} ABI is stale — run npm run abi`).toEqual(artifact.abi);
    });
  }
});
