import { getAddress, type Address, type Hex } from "viem";
import { keelPrivatePoolAbi, privateVaultVerifierAbi } from "../../contracts-abi/generated";
import type { Deployment, PrivatePoolDeployment } from "../../lib/deployment";
import { abiOf, bytecodeOf, linkReferencesOf } from "./artifacts";
import type { clientsFor } from "./clients";

/** The forge artifact's link references: file → library → byte offsets of its address in the creation code. */
type LinkReferences = Record<string, Record<string, { start: number; length: number }[]>>;

/**
 * `bytecode` with every reference to `library` replaced by `address` (forge leaves `__$…$__` placeholders for public
 * library functions: the pool's tree hashes with PoseidonT3.hash, a public function of poseidon-solidity).
 */
export function linkLibrary(bytecode: Hex, refs: LinkReferences, library: string, address: Address): Hex {
  let code = bytecode.slice(2);
  let linked = 0;
  for (const libs of Object.values(refs)) {
    for (const { start, length } of libs[library] ?? []) {
      code = code.slice(0, start * 2) + address.slice(2).toLowerCase() + code.slice((start + length) * 2);
      linked++;
    }
  }
  if (linked === 0) throw new Error(`no reference to ${library} to link`);
  if (code.includes("__$")) throw new Error("unlinked library left in the bytecode");
  return `0x${code}`;
}

/**
 * Deploys the private pool (docs/private-vaults.md) over the Keel market lending `baseSymbol` against
 * `collateralSymbol` (WETH/USDC locally): PoseidonT3 (the tree's hash), the generated Groth16 verifier, then the pool,
 * which opens its one vault in the market. The pool's own constructor refuses a base or collateral whose decimals
 * differ from the circuit's scales and a collateral the market does not list.
 */
export async function deployPrivatePool(
  c: ReturnType<typeof clientsFor>,
  keel: Pick<Deployment, "assets" | "markets">,
  log: (l: string) => void = () => {},
  opts: { collateralSymbol?: string; baseSymbol?: string } = {},
): Promise<PrivatePoolDeployment> {
  const symbol = (s: string) => keel.assets.find((a) => a.symbol === s)?.address;
  const collateral = symbol(opts.collateralSymbol ?? "WETH");
  const base = symbol(opts.baseSymbol ?? "USDC");
  const market = keel.markets.find((m) => m.baseAsset === base && collateral !== undefined && m.collaterals.includes(collateral));
  if (!collateral || !market) throw new Error(`no Keel market lends ${opts.baseSymbol ?? "USDC"} against ${opts.collateralSymbol ?? "WETH"}`);
  const startBlock = Number(await c.publicClient.getBlockNumber());
  const poseidon = await c.deploy(abiOf("PoseidonT3"), bytecodeOf("PoseidonT3"), []);
  const verifier = await c.deploy(privateVaultVerifierAbi, bytecodeOf("PrivateVaultVerifier"), []);
  const bytecode = linkLibrary(bytecodeOf("KeelPrivatePool"), linkReferencesOf("KeelPrivatePool"), "PoseidonT3", poseidon);
  const pool = await c.deploy(keelPrivatePoolAbi, bytecode, [market.address, collateral, verifier]);
  log(`KeelPrivatePool ${pool} on ${market.name} (verifier ${verifier}, PoseidonT3 ${poseidon})`);
  return { pool, verifier, market: getAddress(market.address), collateral, startBlock };
}
