import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Abi, Hex } from "viem";
import { repoRoot } from "./artifacts";

const require = createRequire(import.meta.url);

export type MorphoBuild = Record<"Morpho" | "IrmMock" | "MorphoChainlinkOracle", { abi: Abi; bytecode: Hex }>;

/**
 * Compiles Morpho Blue from the npm package `@morpho-org/morpho-blue` with its own compiler version (solc 0.8.19,
 * npm alias `solc-0.8.19`) and its own settings (via-IR, 999,999 optimizer runs), plus the gas bench's oracle and
 * Morpho's IrmMock. The one home of Morpho's bytecode: the local deploy (scripts/lib/deploy-morpho.ts) and the gas
 * bench both use it. Compiling takes minutes on a busy machine, so the result is cached in
 * node_modules/.cache/keel/, keyed by the package and compiler versions and the sources' hash (a fresh `npm ci`
 * starts clean).
 */
export function buildMorpho(): MorphoBuild {
  const pkg = path.dirname(require.resolve("@morpho-org/morpho-blue/package.json"));
  const sources: Record<string, { content: string }> = {};
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
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
  // Keyed by the compiler package's version (loading solc-js itself takes seconds: only when compiling).
  const solcVersion = (require("solc-0.8.19/package.json") as { version: string }).version;
  const key = createHash("sha256").update(solcVersion).update(JSON.stringify(input)).digest("hex").slice(0, 16);
  const cacheDir = path.join(repoRoot, "node_modules", ".cache", "keel");
  const cache = path.join(cacheDir, `morpho-blue-${key}.json`);
  if (existsSync(cache)) return withForgeCopy(cacheDir, JSON.parse(readFileSync(cache, "utf8")));

  const solc = require("solc-0.8.19");
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (out.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length) throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join("\n"));
  const pick = (file: string, name: string) => {
    const c = out.contracts[file][name];
    return { abi: c.abi as Abi, bytecode: `0x${c.evm.bytecode.object}` as Hex };
  };
  const result: MorphoBuild = {
    Morpho: pick("src/Morpho.sol", "Morpho"),
    IrmMock: pick("src/mocks/IrmMock.sol", "IrmMock"),
    MorphoChainlinkOracle: pick("bench/MorphoChainlinkOracle.sol", "MorphoChainlinkOracle"),
  };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cache, JSON.stringify(result));
  return withForgeCopy(cacheDir, result);
}

/**
 * Forge tests deploy the real Morpho from `node_modules/.cache/keel/Morpho.json` (`{ "bytecode": "0x…" }`, a stable
 * name: forge cannot find the keyed cache file). Written whenever the build is asked for.
 */
function withForgeCopy(cacheDir: string, build: MorphoBuild): MorphoBuild {
  const file = path.join(cacheDir, "Morpho.json");
  const text = JSON.stringify({ bytecode: build.Morpho.bytecode });
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  return build;
}

/** Whether buildMorpho() would answer from its cache (no compile). */
export function morphoBuildCached(): boolean {
  return (
    existsSync(path.join(repoRoot, "node_modules", ".cache", "keel")) &&
    readdirSync(path.join(repoRoot, "node_modules", ".cache", "keel")).some((f) => f.startsWith("morpho-blue-"))
  );
}

// `tsx scripts/lib/morpho-build.ts`: compile (or find in the cache) in its own process — `npm run dev` runs it beside
// forge build on a fresh checkout.
if (import.meta.url === `file://${process.argv[1]}`) buildMorpho();
