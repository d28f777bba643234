/**
 * Deploys a KeelPrivatePool (contracts/src/privacy) on one market of a deployment: the PoseidonT3 library its tree
 * links to, the circuit's Groth16 verifier, then the pool for (market, collateral). The pool opens its one vault in the market in its constructor; the
 * constructor refuses a base asset other than 6 decimals, a collateral other than 18, or one the market does not list.
 * Reusable by the dev stack and the tests (forge artifacts: `npm run contracts:build` first).
 */
import { getAddress, zeroAddress, type Address } from "viem";
import { devErc20Abi, keelMarketAbi, keelOracleAbi } from "../../contracts-abi/generated";
import { actionBinding, actionWitness, commitment, emptyNote, NO_LTV_CHECK, randomField, type PlacedNote } from "../../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../../lib/privacy/artifacts";
import { proveAction, type Artifacts, type CircuitInput } from "../../lib/privacy/prover";
import type { MerkleTree } from "../../lib/privacy/tree";
import type { clientsFor } from "../../lib/server/clients";
import type { Deployment, PrivatePoolDeployment } from "../../lib/config/deployment";
import { abiOf, bytecodeOf, linkReferencesOf } from "./artifacts";
import { linkBytecode } from "./deploy-aave";

/** What {@link deployPrivatePoolOn} deployed (the keeper's tests and benches; the dev stack records {@link PrivatePoolDeployment}). */
export interface DeployedPrivatePool {
  pool: Address;
  verifier: Address;
  poseidon: Address;
  market: Address;
  collateral: Address;
  /** Block of the pool's deployment: where a reader of its events (the keeper's tree) starts. */
  fromBlock: bigint;
}

export async function deployPrivatePoolOn(
  c: Pick<ReturnType<typeof clientsFor>, "deploy" | "publicClient">,
  opts: { market: Address; collateral: Address; log?: (line: string) => void },
): Promise<DeployedPrivatePool> {
  const poseidon = await c.deploy(abiOf("PoseidonT3"), bytecodeOf("PoseidonT3"));
  const verifier = await c.deploy(abiOf("PrivateVaultVerifier"), bytecodeOf("PrivateVaultVerifier"));
  const bytecode = linkBytecode(
    { abi: [], bytecode: bytecodeOf("KeelPrivatePool"), linkReferences: linkReferencesOf("KeelPrivatePool") },
    { PoseidonT3: poseidon },
  );
  const pool = await c.deploy(abiOf("KeelPrivatePool"), bytecode, [opts.market, opts.collateral, verifier]);
  // The deployment's receipt is mined by now: the pool's first event is at or after this block.
  const fromBlock = await c.publicClient.getBlockNumber({ cacheTime: 0 });
  opts.log?.(`private pool ${pool} (verifier ${verifier}) on market ${opts.market}, collateral ${opts.collateral}`);
  return { pool, verifier, poseidon, market: opts.market, collateral: opts.collateral, fromBlock };
}

/**
 * The dev stack's private pool (docs/private-vaults.md): {@link deployPrivatePoolOn} over the Keel market lending
 * `baseSymbol` against `collateralSymbol` (WETH/USDC locally), as the deployment file records it.
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
  const d = await deployPrivatePoolOn(c, { market: market.address, collateral, log });
  return { pool: d.pool, verifier: d.verifier, market: getAddress(market.address), collateral, startBlock: Number(d.fromBlock) };
}

/**
 * Opens a private position in `p` for `c`'s account with real proofs (two: a deposit of `collateral` WETH units, then
 * a borrow of `debt` USDC units worth of debt shares to `c`'s address), as a wallet would. `tree` is the caller's
 * mirror of the pool's tree (every note inserted so far, in order); the new notes are inserted into it. For the dev
 * stack's seed, tests and benches (the collateral is minted: dev tokens only).
 */
export async function openPrivatePosition(
  c: Pick<ReturnType<typeof clientsFor>, "send" | "publicClient" | "account">,
  p: Pick<DeployedPrivatePool, "pool" | "collateral" | "market">,
  tree: MerkleTree,
  opts: { collateral: bigint; debt: bigint; ownerKey?: bigint; artifacts?: Artifacts },
): Promise<{ note: PlacedNote; provenDebtIndex: bigint; proveMs: number[] }> {
  const abi = abiOf("KeelPrivatePool");
  const artifacts = opts.artifacts ?? CIRCUIT_ARTIFACTS;
  const proveMs: number[] = [];
  const prove = async (input: Record<string, bigint | bigint[]>) => {
    const t0 = Date.now();
    const { solidity } = await proveAction(input as CircuitInput, artifacts);
    proveMs.push(Date.now() - t0);
    const transition = {
      root: input.root,
      nullifier: input.nullifier,
      newCommitment: input.newCommitment,
      ephKey: input.ephKey,
      ciphertext: [input.ct0, input.ct1, input.ct2],
    };
    return [solidity, transition] as const;
  };
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    c.publicClient.readContract({ address: p.pool, abi, functionName, args }) as Promise<T>;

  await c.send({ address: p.collateral, abi: devErc20Abi, functionName: "mint", args: [c.account.address, opts.collateral] });
  await c.send({ address: p.collateral, abi: devErc20Abi, functionName: "approve", args: [p.pool, opts.collateral] });
  const opened = actionWitness(tree, {
    old: emptyNote(opts.ownerKey ?? randomField()),
    collateralDelta: opts.collateral,
    sharesDelta: 0n,
    checkLtv: false,
    ltvInputs: NO_LTV_CHECK,
    binding: actionBinding(zeroAddress, "0x"),
  });
  await c.send({ address: p.pool, abi, functionName: "deposit", args: [...(await prove(opened.input)), opts.collateral, "0x"] });
  let note: PlacedNote = { ...opened.next, leafIndex: tree.insert(commitment(opened.next)) };

  // Proven with 0.1% of headroom on the debt index (valid while interest stays below it), at the oracle's prices and
  // the pool's borrow limit (BORROW_LTV_FRACTION of the market's LTV).
  const index = await read<bigint>("debtIndex");
  const provenDebtIndex = index + index / 1_000n;
  const [oracle, base, market, fraction] = await Promise.all([
    read<Address>("oracle"),
    read<Address>("base"),
    read<Address>("market"),
    read<bigint>("BORROW_LTV_FRACTION"),
  ]);
  const [collateralPrice, debtPrice] = await c.publicClient.readContract({
    address: oracle,
    abi: keelOracleAbi,
    functionName: "prices",
    args: [p.collateral, base],
  });
  const info = await c.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralInfo", args: [p.collateral] });
  const shares = (opts.debt * 10n ** 18n) / provenDebtIndex;
  const borrowed = actionWitness(tree, {
    old: note,
    collateralDelta: 0n,
    sharesDelta: shares,
    checkLtv: true,
    ltvInputs: { collateralPrice, debtPrice, ltv: (BigInt(info.ltv) * fraction) / 10n ** 18n, debtIndex: provenDebtIndex },
    binding: actionBinding(c.account.address, "0x"),
  });
  const [proof, t] = await prove(borrowed.input);
  await c.send({ address: p.pool, abi, functionName: "borrow", args: [proof, t, shares, c.account.address, provenDebtIndex, "0x"] });
  note = { ...borrowed.next, leafIndex: tree.insert(commitment(borrowed.next)) };
  return { note, provenDebtIndex, proveMs };
}
