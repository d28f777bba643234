import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";

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

export const repoRoot = root;
