/**
 * Deploys a KeelPrivatePool (contracts/src/privacy) on one market of a deployment: the PoseidonT3 library its tree
 * links to, the circuit's Groth16 verifier, then the pool for (market, collateral). The pool opens its one vault in the market in its constructor; the
 * constructor refuses a base asset other than 6 decimals, a collateral other than 18, or one the market does not list.
 * Reusable by the dev stack and the tests (forge artifacts: `npm run contracts:build` first).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Address, Hex } from "viem";
import type { clientsFor } from "../../lib/server/clients";
import { abiOf, bytecodeOf, repoRoot } from "./artifacts";
import { linkBytecode } from "./deploy-aave";

export interface PrivatePoolDeployment {
  pool: Address;
  verifier: Address;
  poseidon: Address;
  market: Address;
  collateral: Address;
  /** Block of the pool's deployment: where a reader of its events (the keeper's tree) starts. */
  fromBlock: bigint;
}

export async function deployPrivatePool(
  c: Pick<ReturnType<typeof clientsFor>, "deploy" | "publicClient">,
  opts: { market: Address; collateral: Address; log?: (line: string) => void },
): Promise<PrivatePoolDeployment> {
  const poseidon = await c.deploy(abiOf("PoseidonT3"), bytecodeOf("PoseidonT3"));
  const verifier = await c.deploy(abiOf("PrivateVaultVerifier"), bytecodeOf("PrivateVaultVerifier"));
  const artifact = JSON.parse(readFileSync(path.join(repoRoot, "contracts", "out", "KeelPrivatePool.sol", "KeelPrivatePool.json"), "utf8")) as {
    bytecode: { object: Hex; linkReferences: Record<string, Record<string, { start: number; length: number }[]>> };
  };
  const bytecode = linkBytecode(
    { abi: [], bytecode: artifact.bytecode.object, linkReferences: artifact.bytecode.linkReferences },
    { PoseidonT3: poseidon },
  );
  const pool = await c.deploy(abiOf("KeelPrivatePool"), bytecode, [opts.market, opts.collateral, verifier]);
  // The deployment's receipt is mined by now: the pool's first event is at or after this block.
  const fromBlock = await c.publicClient.getBlockNumber({ cacheTime: 0 });
  opts.log?.(`private pool ${pool} (verifier ${verifier}) on market ${opts.market}, collateral ${opts.collateral}`);
  return { pool, verifier, poseidon, market: opts.market, collateral: opts.collateral, fromBlock };
}
