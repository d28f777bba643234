import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Creation bytecode of a contract from the forge build (`npm run contracts:build`). */
export function bytecodeOf(contract: string, file = `${contract}.sol`): Hex {
  const p = path.join(root, "contracts", "out", file, `${contract}.json`);
  let json: { bytecode?: { object?: string } };
  try {
    json = JSON.parse(readFileSync(p, "utf8"));
  } catch {
    throw new Error(`no forge artifact at ${p}: run \`npm run contracts:build\` first`);
  }
  const obj = json.bytecode?.object;
  if (!obj || obj === "0x") throw new Error(`${contract} has no bytecode (abstract or interface?)`);
  return obj as Hex;
}

/** ABI of a contract from the forge build (for contracts the generated ABI module does not list yet). */
export function abiOf(contract: string, file = `${contract}.sol`): Abi {
  const p = path.join(root, "contracts", "out", file, `${contract}.json`);
  try {
    return (JSON.parse(readFileSync(p, "utf8")) as { abi: Abi }).abi;
  } catch {
    throw new Error(`no forge artifact at ${p}: run \`npm run contracts:build\` first`);
  }
}

/** Where a contract's creation bytecode calls public library functions (forge's `bytecode.linkReferences`). */
export function linkReferencesOf(contract: string, file = `${contract}.sol`): Record<string, Record<string, { start: number; length: number }[]>> {
  const p = path.join(root, "contracts", "out", file, `${contract}.json`);
  try {
    return (
      (JSON.parse(readFileSync(p, "utf8")) as { bytecode: { linkReferences?: Record<string, Record<string, { start: number; length: number }[]>> } })
        .bytecode.linkReferences ?? {}
    );
  } catch {
    throw new Error(`no forge artifact at ${p}: run \`npm run contracts:build\` first`);
  }
}

/** ABI and creation bytecode of a Uniswap V2 contract from its npm build artifact (`@uniswap/v2-core` / `-periphery`). */
export function uniswapV2Artifact(name: "UniswapV2Factory" | "UniswapV2Router02"): { abi: Abi; bytecode: Hex } {
  const pkg = name === "UniswapV2Factory" ? "v2-core" : "v2-periphery";
  const p = path.join(root, "node_modules", "@uniswap", pkg, "build", `${name}.json`);
  const json = JSON.parse(readFileSync(p, "utf8")) as { abi: Abi; bytecode: string };
  return { abi: json.abi, bytecode: (json.bytecode.startsWith("0x") ? json.bytecode : `0x${json.bytecode}`) as Hex };
}

export const repoRoot = root;
