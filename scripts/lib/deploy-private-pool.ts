/**
 * Deploys a KeelPrivatePool (contracts/src/privacy) on one market of a deployment: the circuit's Groth16 verifier, then
 * the pool for (market, collateral) (circuit v2 proves the tree's insertions: the pool links no Poseidon library). The pool opens its one vault in the market in its constructor; the
 * constructor refuses a base asset other than 6 decimals, a collateral other than 18, or one the market does not list.
 * The committed verifier comes from the development ceremony of a circuit compiled with the development liquidators'
 * key (both public): on a chain that is not local, deploying it is refused — a production ceremony's verifier must be
 * passed (docs/private-vaults.md). Reusable by the dev stack and the tests (forge artifacts: `npm run contracts:build` first).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { getAddress, zeroAddress, type Address, type Hex } from "viem";
import { devErc20Abi, keelMarketAbi, keelOracleAbi } from "../../contracts-abi";
import { isLocalChainId } from "../../lib/config/chains";
import { actionBinding, actionWitness, commitment, emptyNote, poolThresholds, randomField, type PlacedNote } from "../../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../../lib/privacy/artifacts";
import { proveAction, type Artifacts, type CircuitInput } from "../../lib/privacy/prover";
import type { MerkleTree } from "../../lib/privacy/tree";
import type { clientsFor } from "../../lib/server/clients";
import type { Deployment, PrivatePoolDeployment } from "../../lib/config/deployment";
import { abiOf, bytecodeOf } from "./artifacts";

/** The committed (development) verifying key, from which the committed verifier was generated. */
const DEV_VKEY = path.resolve(import.meta.dirname, "..", "..", "circuits", "artifacts", "private_vault.vkey.json");

/** What {@link deployPrivatePoolOn} deployed (the keeper's tests and benches; the dev stack records {@link PrivatePoolDeployment}). */
export interface DeployedPrivatePool {
  pool: Address;
  verifier: Address;
  market: Address;
  collateral: Address;
  /** Block of the pool's deployment: where a reader of its events (the keeper's tree) starts. */
  fromBlock: bigint;
}

/**
 * The development ceremony's own constants in its verifier (circuits/artifacts/private_vault.vkey.json): delta and the
 * IC points come from its phase 2, so no other ceremony shares them (alpha and beta come from the powers of tau, gamma is
 * the G2 generator: left out). Any verifier carrying one of them checks proofs made with the development key, whatever
 * the compiler settings, metadata or bytes around them.
 */
export function devVerifierConstants(): bigint[] {
  const vkey = JSON.parse(readFileSync(DEV_VKEY, "utf8")) as { vk_delta_2: string[][]; IC: string[][] };
  const delta = vkey.vk_delta_2.slice(0, 2).flat();
  const ic = vkey.IC.flatMap((p) => p.slice(0, 2));
  return [...delta, ...ic].map((v) => BigInt(v));
}

/**
 * Whether `bytecode` carries a constant of the development verifying key (`devVerifierConstants`), as the big-endian
 * bytes a PUSH holds (leading zero bytes dropped, as the optimizer may): a random 31–32-byte value appears by chance
 * with probability about 2^-248, so a match is the development key.
 */
export function carriesDevVerifierKey(bytecode: Hex): boolean {
  const code = bytecode.toLowerCase();
  return devVerifierConstants().some((c) => {
    let hex = c.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    return code.includes(hex);
  });
}

/**
 * Refuses the development verifier (the committed `PrivateVaultVerifier`: the dev ceremony's key, a circuit with the dev
 * liquidators' key compiled in) on a chain that is not local — recognised by its verifying key's constants, not its
 * exact bytes, so a recompilation with other settings or a byte appended is refused too (audit zkaudit4 M2a) — and a
 * verifier with no bytecode. Throws before anything is sent; returns the verifier's creation bytecode.
 */
export function checkPrivatePoolVerifier(chainId: number, verifierBytecode: Hex | undefined): Hex {
  const bytecode = verifierBytecode ?? bytecodeOf("PrivateVaultVerifier");
  if (bytecode === "0x") throw new Error("the verifier has no bytecode");
  if (!isLocalChainId(chainId) && carriesDevVerifierKey(bytecode)) {
    throw new Error(
      `chain ${chainId}: refusing the development verifier (dev zkey, dev liquidators' key) outside a local chain; ` +
        "run a production ceremony and pass its verifier (docs/private-vaults.md)",
    );
  }
  return bytecode;
}

export async function deployPrivatePoolOn(
  c: Pick<ReturnType<typeof clientsFor>, "deploy" | "publicClient">,
  opts: {
    market: Address;
    collateral: Address;
    /** A production ceremony's verifier (creation bytecode); required outside a local chain. */
    verifierBytecode?: Hex;
    /**
     * The pool's minimum deposit (collateral units) and borrow (base units); absent or 0: the pool's defaults,
     * DEFAULT_MIN_DEPOSIT (0.01 collateral) and DEFAULT_MIN_BORROW (100 base units).
     */
    minDeposit?: bigint;
    minBorrow?: bigint;
    log?: (line: string) => void;
  },
): Promise<DeployedPrivatePool> {
  const verifierBytecode = checkPrivatePoolVerifier(await c.publicClient.getChainId(), opts.verifierBytecode);
  const verifier = await c.deploy(abiOf("PrivateVaultVerifier"), verifierBytecode);
  const pool = await c.deploy(abiOf("KeelPrivatePool"), bytecodeOf("KeelPrivatePool"), [
    opts.market,
    opts.collateral,
    verifier,
    opts.minDeposit ?? 0n,
    opts.minBorrow ?? 0n,
  ]);
  // The deployment's receipt is mined by now: the pool's first event is at or after this block.
  const fromBlock = await c.publicClient.getBlockNumber({ cacheTime: 0 });
  opts.log?.(`private pool ${pool} (verifier ${verifier}) on market ${opts.market}, collateral ${opts.collateral}`);
  return { pool, verifier, market: opts.market, collateral: opts.collateral, fromBlock };
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
  const prove = async ({ input, memberSlot }: { input: Record<string, bigint | bigint[]>; memberSlot: number }) => {
    const t0 = Date.now();
    const { solidity } = await proveAction(input as CircuitInput, artifacts);
    proveMs.push(Date.now() - t0);
    const transition = {
      root: input.root,
      newRoot: input.newRoot,
      nullifier: input.nullifier,
      newCommitment: input.newCommitment,
      ephKey: input.ephKey,
      ciphertext: [input.ct0, input.ct1, input.ct2],
      memberRoot: input.memberRoot,
      memberSlot: BigInt(memberSlot),
    };
    return [solidity, transition] as const;
  };
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    c.publicClient.readContract({ address: p.pool, abi, functionName, args }) as Promise<T>;

  // Proven with 0.1% of headroom on the debt index (valid while interest stays below it), at the oracle's prices and
  // the pool's thresholds: the market's liquidation threshold for the deposit (audit3 A3-P2), its borrow limit
  // (BORROW_LTV_FRACTION of the market's LTV) for the borrow.
  const [index, minDebt] = await Promise.all([read<bigint>("debtIndex"), read<bigint>("minBorrow")]);
  const provenDebtIndex = index + index / 1_000n;
  const [oracle, base, market] = await Promise.all([read<Address>("oracle"), read<Address>("base"), read<Address>("market")]);
  const [collateralPrice, debtPrice] = await c.publicClient.readContract({
    address: oracle,
    abi: keelOracleAbi,
    functionName: "prices",
    args: [p.collateral, base],
  });
  const info = await c.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralInfo", args: [p.collateral] });
  const thresholds = poolThresholds({ ltv: BigInt(info.ltv), liquidationThreshold: BigInt(info.liquidationThreshold) });
  const at = { collateralPrice, debtPrice, debtIndex: provenDebtIndex };
  const ctx = { pool: p.pool, chainId: await c.publicClient.getChainId() };

  await c.send({ address: p.collateral, abi: devErc20Abi, functionName: "mint", args: [c.account.address, opts.collateral] });
  await c.send({ address: p.collateral, abi: devErc20Abi, functionName: "approve", args: [p.pool, opts.collateral] });
  const opened = actionWitness(tree, {
    old: emptyNote(opts.ownerKey ?? randomField()),
    collateralDelta: opts.collateral,
    sharesDelta: 0n,
    ltvInputs: { ...at, ltv: thresholds.liquidation },
    minDebt,
    binding: actionBinding(ctx, zeroAddress, "0x"),
  });
  await c.send({
    address: p.pool,
    abi,
    functionName: "deposit",
    args: [...(await prove(opened)), opts.collateral, provenDebtIndex, "0x"],
  });
  let note: PlacedNote = { ...opened.next, leafIndex: tree.insert(commitment(opened.next)) };

  const shares = (opts.debt * 10n ** 18n) / provenDebtIndex;
  const borrowed = actionWitness(tree, {
    old: note,
    collateralDelta: 0n,
    sharesDelta: shares,
    ltvInputs: { ...at, ltv: thresholds.borrow },
    minDebt,
    binding: actionBinding(ctx, c.account.address, "0x"),
  });
  const [proof, t] = await prove(borrowed);
  await c.send({ address: p.pool, abi, functionName: "borrow", args: [proof, t, shares, c.account.address, provenDebtIndex, "0x"] });
  note = { ...borrowed.next, leafIndex: tree.insert(commitment(borrowed.next)) };
  return { note, provenDebtIndex, proveMs };
}
