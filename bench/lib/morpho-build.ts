import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Abi, Hex } from "viem";
import { repoRoot } from "../../scripts/lib/artifacts";

const require = createRequire(import.meta.url);

/**
 * Compiles Morpho Blue from the npm package `@morpho-org/morpho-blue` with its own compiler version (solc 0.8.19,
 * npm alias `solc-0.8.19`) and its own settings (via-IR, 999,999 optimizer runs), plus the bench oracle and Morpho's
 * IrmMock. Cached in bench/.cache.
 */
export function buildMorpho(): Record<string, { abi: Abi; bytecode: Hex }> {
  const cacheDir = path.join(repoRoot, "bench", ".cache");
  const cache = path.join(cacheDir, "morpho-0.8.19.json");
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, "utf8"));

  const pkg = path.dirname(require.resolve("@morpho-org/morpho-blue/package.json"));
  const sources: Record<string, { content: string }> = {};
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(".sol")) sources[path.relative(pkg, p)] = { content: readFileSync(p, "utf8") };
    }
  };
  walk(path.join(pkg, "src"));
  sources["bench/MorphoChainlinkOracle.sol"] = {
    content: readFileSync(path.join(repoRoot, "bench", "contracts", "MorphoChainlinkOracle.sol"), "utf8"),
  };
  const input = {
    language: "Solidity",
    sources,
    settings: {
      viaIR: true,
      optimizer: { enabled: true, runs: 999999 },
      evmVersion: "paris",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const solc = require("solc-0.8.19");
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (out.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length) throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join("\n"));
  const pick = (file: string, name: string) => {
    const c = out.contracts[file][name];
    return { abi: c.abi as Abi, bytecode: `0x${c.evm.bytecode.object}` as Hex };
  };
  const result = {
    Morpho: pick("src/Morpho.sol", "Morpho"),
    IrmMock: pick("src/mocks/IrmMock.sol", "IrmMock"),
    MorphoChainlinkOracle: pick("bench/MorphoChainlinkOracle.sol", "MorphoChainlinkOracle"),
  };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cache, JSON.stringify(result));
  return result;
}
