/**
 * Liquidation keeper: a pipeline of small named stages, run on every new block.
 *
 *   scan → size → plan → simulate → send → confirm or replace
 *
 * - scan (`scanChain`): every vault of every market through the lens in pages (never one call per vault), the pools'
 *   reserves, the keeper's balances — all at one block;
 * - size (`sizeVault`, agents/keeper-plan.ts): each liquidatable vault's liquidation with lib/engine/liquidation.ts, with
 *   repay headroom (the market repays what its rules require, so a 1-wei deposit cannot revert a batch);
 * - plan (`planBatches`, agents/keeper-plan.ts): batches of one market and one collateral (one flash loan and one swap
 *   each), priced against the pool as the batches before them leave it, packed up to a gas cap per transaction, with
 *   the bounded-loss fallback for the vaults that do not pay at that pool;
 * - simulate (`simulateTx`): eth_call of a transaction holding a suspect vault (see KeeperOptions.simulate) with the
 *   gas limit it will carry (one execution; a revert is split in halves until the vault that causes it is isolated and
 *   dropped, the rest merged again);
 * - send (`sendTx`): at a nonce from the keeper's own nonce manager (agents/agent-log.ts: a pending set, nothing in
 *   flight handed out twice);
 * - confirm or replace (`confirmOrReplace`): the receipt, or after `replaceAfterBlocks` blocks the same call again at
 *   the same nonce with a higher fee.
 * JSON-line logs and counters.
 *
 * CLI: tsx agents/keeper.ts [--rpc URL] [--chain 31337] [--max-loss-bps 100] [--tx-per-block 3] [--max-gwei 500]
 *      [--simulate suspects|always] [--private-pool ADDRESS --private-pool-from BLOCK]
 * The private pool's liquidator (agents/keeper-private.ts) runs beside the pipeline when a pool is given; it reads the
 * liquidators' key from KEEL_LIQUIDATORS_SECRET (the development key on a local chain only).
 */
import { parseArgs } from "node:util";
import {
  decodeEventLog,
  erc20Abi,
  isAddress,
  maxUint256,
  zeroAddress,
  type Address,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
} from "viem";
import {
  iUniswapV2FactoryAbi,
  iUniswapV2PairAbi,
  keelLensAbi,
  keelLiquidatorAbi,
  keelMarketAbi,
  keelOracleAbi,
  uniswapV2AdapterAbi,
} from "../contracts-abi";
import type { PoolSide } from "../lib/engine/amm";
import { reservesFrom } from "../lib/engine/amm";
import type { Deployment } from "../lib/config/deployment";
import { baseToUsd } from "../lib/engine/liquidation";
import { vaultRisk } from "../lib/engine/risk";
import { valueDown } from "../lib/engine/health";
import { serialized } from "../lib/tx/serial";
import { clientsFor } from "../lib/server/clients";
import { readDeployment } from "../lib/server/config";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import type { LensMarket, LensVault } from "../lib/read/vaults";
import { isPriced, usablePrice } from "../lib/read/oracle";
import type { CrossChainDeployment } from "../lib/crosschain/deployment";
import { describeError, describeRevert, revertData } from "./revert";
import { jsonLogger, nonceManager, type LogSink } from "./agent-log";
import { confirmOrReplace, feesFor, minedRevertReason, sendAndConfirm, sendTx, type Fees, type SentTx, type TxCall } from "./keeper-send";
import {
  DEFAULT_CLAIM_GAS,
  DEFAULT_CLAIM_RULES,
  claimBudgets,
  claimLiquidationValue,
  claimSet,
  exhaustedBases,
  liquidateClaims,
  planClaimLiquidations,
  quoteReleaseFees,
  readBaseBalances,
  redeemClaims,
  redeemWorthIt,
  type ClaimPrices,
  type ClaimRules,
} from "./keeper-claims";
import {
  DEFAULT_GAS_MODEL,
  liquidatorArgs,
  pessimisticPool,
  planBatches,
  poolKey,
  sizeVault,
  mergeTxs,
  splitTx,
  txGasCapFor,
  type Candidate,
  type GasModel,
  type PlanMarket,
  type PlannedTx,
} from "./keeper-plan";
import { readAllVaults } from "./lens-pages";
import { liquidatorsSecret, privateLiquidator, type PrivatePoolConfig } from "./keeper-private";
import { sameAddress } from "../lib/config/address";

export interface KeeperOptions {
  rpcUrl: string;
  deployment: Deployment;
  key?: Hex;
  /** Vaults per lens call. */
  pageSize?: number;
  /** Transactions that share one block: each is planned up to (block gas limit × (1 − reserve)) ÷ this. */
  txPerBlock?: number;
  /** Loss a fallback batch may take, bps of its repayment (set on the liquidator, ≤ 300); 0 turns the fallback off. */
  maxLossBps?: number;
  /** Highest fee per gas the keeper pays (wei); above it the keeper waits. */
  maxFeePerGas?: bigint;
  /**
   * "suspects" (default): a transaction is simulated before it is sent only when it holds a suspect vault (one that
   * reverted or was dropped, or was liquidated by the keeper before); the others go out as soon as they
   * are planned — KeelLiquidator bounds each batch's result on-chain, so a wrong plan costs gas, never principal.
   * "always": every transaction is simulated first (a 70-vault simulation takes 0.4-2 s on a busy 2-core node, more
   * than a block).
   */
  simulate?: "suspects" | "always";
  /** Blocks a transaction may wait unmined before it is replaced at the same nonce with a higher fee. */
  replaceAfterBlocks?: number;
  /** Quiet blocks (no feed or market event) between two full scans. */
  rescanEvery?: number;
  /**
   * Cross-chain collateral (docs/cross-chain.md): vaults holding claims are liquidated from the keeper's own base
   * balance (no pool to sell a claim into) and the seized claims redeemed through the gateway to the keeper's address
   * on the outpost's chain (agents/keeper-claims.ts). Without it, such vaults are deferred ("no-pool").
   */
  crossChain?: CrossChainDeployment;
  /** The claim stage's rules: profitability, redeem threshold, per-pass cap, budget reserve (DEFAULT_CLAIM_RULES). */
  claimRules?: Partial<ClaimRules>;
  /** A KeelPrivatePool whose notes the keeper liquidates too (agents/keeper-private.ts), beside the pipeline. */
  privatePool?: PrivatePoolConfig;
  log?: LogSink;
}

export interface KeeperStats {
  blocks: number;
  scans: number;
  vaultsScanned: number;
  liquidatableSeen: number;
  txSent: number;
  txConfirmed: number;
  txReverted: number;
  txReplaced: number;
  batchesConfirmed: number;
  fallbackBatches: number;
  liquidationsSent: number;
  liquidationsConfirmed: number;
  liquidationsSkipped: number;
  /** Claim liquidations mined (agents/keeper-claims.ts) and the Releases dispatched for the seized claims. */
  claimLiquidations: number;
  claimsRedeemed: number;
  /** Claim vaults left for lack of base budget (warned as "base-exhausted"), and as not worth liquidating. */
  claimsUnfunded: number;
  claimsUnprofitable: number;
  vaultsDeferred: number;
  vaultsDropped: number;
  /** Result by base asset symbol (base units) and in USD (WAD): profit minus fallback losses. */
  profit: Record<string, bigint>;
  profitUsd: bigint;
  /** Gas used by the keeper's mined liquidation transactions, and what it paid for it (wei). */
  gasUsed: bigint;
  gasSpent: bigint;
  /** Milliseconds and blocks from the price update the keeper saw to each confirmed liquidation transaction. */
  delaysMs: number[];
  delayBlocks: number[];
  errors: number;
}

/** What the stages talk to. */
export interface KeeperIO {
  publicClient: PublicClient;
  walletClient: ReturnType<typeof clientsFor>["walletClient"];
  account: ReturnType<typeof clientsFor>["account"];
  deployment: Deployment;
  liquidator: Address;
  lens: Address;
}

/* ───────────────────────────── stage 1: scan ───────────────────────────── */

export interface Snapshot {
  block: bigint;
  markets: readonly LensMarket[];
  /** Every vault with its market, and the liquidatable ones. */
  all: { vault: LensVault; market: LensMarket }[];
  liquidatable: { vault: LensVault; market: LensMarket }[];
  vaultsScanned: number;
  /** Pools as they are (collateral in, base out), by poolKey. */
  pools: Map<string, PoolSide>;
  /** The keeper's balance of each base asset (lower-case), what a fallback loss is paid from. */
  balances: Map<string, bigint>;
  blockGasLimit: bigint;
}

/** Pair addresses and token0 of the swap venue's pools, looked up once. */
export type PairCache = Map<string, Promise<{ pair: Address; token0: Address } | null>>;

/** The Uniswap V2 pair behind the liquidator's adapter for (base, collateral), or null (another venue, or none). */
function pairFor(io: KeeperIO, cache: PairCache, base: Address, collateral: Address) {
  const key = poolKey(base, collateral);
  let hit = cache.get(key);
  if (!hit) {
    const adapter = io.deployment.contracts.swapAdapter;
    hit = (async () => {
      if (!adapter) return null;
      try {
        const factory = await io.publicClient.readContract({ address: adapter, abi: uniswapV2AdapterAbi, functionName: "factory" });
        const pair = await io.publicClient.readContract({
          address: factory,
          abi: iUniswapV2FactoryAbi,
          functionName: "getPair",
          args: [base, collateral],
        });
        if (pair === zeroAddress) return null;
        const token0 = await io.publicClient.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "token0" });
        return { pair, token0 };
      } catch {
        return null;
      }
    })();
    cache.set(key, hit);
  }
  return hit;
}

/** The pools' reserves (collateral in, base out) of every market's collaterals, at `block`. */
async function readPools(io: KeeperIO, markets: readonly LensMarket[], block: bigint, pairs: PairCache) {
  const pools = new Map<string, PoolSide>();
  await Promise.all(
    markets.flatMap((m) =>
      m.collaterals.map(async (c) => {
        const p = await pairFor(io, pairs, m.baseAsset, c.info.asset);
        if (!p) return;
        const [r0, r1] = await io.publicClient.readContract({
          address: p.pair,
          abi: iUniswapV2PairAbi,
          functionName: "getReserves",
          blockNumber: block,
        });
        const [reserveOut, reserveIn] = reservesFrom(m.baseAsset, p.token0, r0, r1);
        pools.set(poolKey(m.baseAsset, c.info.asset), { reserveIn, reserveOut });
      }),
    ),
  );
  return pools;
}

/** The keeper's balance of each market's base asset (lower-case), at `block`. */
async function readBalances(io: KeeperIO, markets: readonly LensMarket[], block: bigint) {
  const balances = new Map<string, bigint>();
  await Promise.all(
    [...new Set(markets.map((m) => m.baseAsset))].map(async (base) => {
      balances.set(
        base.toLowerCase(),
        await io.publicClient.readContract({
          address: base,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [io.account.address],
          blockNumber: block,
        }),
      );
    }),
  );
  return balances;
}

function snapshotOf(
  block: bigint,
  markets: readonly LensMarket[],
  all: Snapshot["all"],
  pools: Map<string, PoolSide>,
  balances: Map<string, bigint>,
  blockGasLimit: bigint,
): Snapshot {
  return { block, markets, all, liquidatable: all.filter((x) => x.vault.liquidatable), vaultsScanned: all.length, pools, balances, blockGasLimit };
}

/** Stage "scan": markets, every vault (lens pages), pools, balances and the block gas limit, all at `block`. */
export async function scanChain(
  io: KeeperIO,
  block: bigint,
  opts: { pageSize: bigint; pairs: PairCache; withBalances: boolean; onUnreadable?: (id: bigint, e: string) => void },
): Promise<Snapshot> {
  const { publicClient } = io;
  const [markets, header] = await Promise.all([
    publicClient.readContract({
      address: io.lens,
      abi: keelLensAbi,
      functionName: "getMarkets",
      args: [io.deployment.markets.map((m) => m.address)],
      blockNumber: block,
    }),
    publicClient.getBlock({ blockNumber: block }),
  ]);
  const [vaults, pools, balances] = await Promise.all([
    Promise.all(markets.map((m) => readAllVaults(publicClient, io.lens, m.market, block, opts.pageSize, opts.onUnreadable))),
    readPools(io, markets, block, opts.pairs),
    opts.withBalances ? readBalances(io, markets, block) : new Map<string, bigint>(),
  ]);
  const all = vaults.flatMap((list, i) => list.map((vault) => ({ vault, market: markets[i]! })));
  return snapshotOf(block, markets, all, pools, balances, header.gasLimit);
}

/** New oracle prices (USD per whole token, WAD) and statuses, by lower-case asset. */
export type Prices = ReadonlyMap<string, { price: bigint; status: number }>;

/**
 * Stage "scan", fast path: when only feeds moved since `prev` (no market event: no deposit, borrow, repay or
 * liquidation), the vaults are `prev`'s re-priced — each vault's health recomputed with lib/risk `vaultRisk` (the
 * engine's HealthLib, proven equal on the chain) at the new prices — instead of read again through the lens. The
 * debt is `prev`'s (interest of a few blocks is inside the repay headroom); the simulation stage runs on the real
 * state and has the last word.
 */
export function repriceVaults(prev: Pick<Snapshot, "markets" | "all">, prices: Prices): { markets: LensMarket[]; all: Snapshot["all"] } {
  const at = (asset: Address, price: bigint, status: number) => prices.get(asset.toLowerCase()) ?? { price, status };
  const markets = new Map(
    prev.markets.map((m) => {
      const base = at(m.baseAsset, m.baseFeed.price, m.baseFeed.status);
      const next = {
        ...m,
        baseFeed: { ...m.baseFeed, ...base },
        collaterals: m.collaterals.map((c) => ({ ...c, feed: { ...c.feed, ...at(c.info.asset, c.feed.price, c.feed.status) } })),
      } as LensMarket;
      return [m.market.toLowerCase(), next];
    }),
  );
  const all = prev.all.map(({ vault, market: old }) => {
    const market = markets.get(old.market.toLowerCase())!;
    // The lens's own reading (KeelLens._vault): a price only when fresh (usablePrice), an unpriced collateral worth zero.
    const collaterals = vault.collaterals.map((c) => {
      const feed = at(c.asset, c.price, c.status);
      return { ...c, status: feed.status, price: usablePrice(feed) ?? 0n };
    });
    const baseOk = isPriced(market.baseFeed);
    const r = vaultRisk({
      collaterals: collaterals.map((c) => ({
        asset: c.asset,
        decimals: c.decimals,
        amount: c.amount,
        price: c.price,
        ltv: c.ltv,
        liquidationThreshold: c.liquidationThreshold,
      })),
      debt: vault.debt,
      baseDecimals: market.baseDecimals,
      basePrice: baseOk ? market.baseFeed.price : 0n,
    });
    const pricesOk = vault.debt === 0n || (baseOk && collaterals.every((c) => c.amount === 0n || isPriced(c)));
    const next = {
      ...vault,
      collaterals: collaterals.map((c) => ({ ...c, value: valueDown(c.amount, c.price, c.decimals) })),
      collateralValue: r.collateralValue,
      borrowLimitValue: r.borrowLimitValue,
      // No base price: the lens gives no health (0) and values no debt.
      healthFactor: baseOk || vault.debt === 0n ? r.healthFactor : 0n,
      liquidationValue: r.liquidationValue,
      debtValue: r.debtValue,
      pricesOk,
      // As the lens and the market: below 1 with something priced to seize, the unpriced collaterals counted as zero
      // (a vault liquidatable through its priced collateral while another's feed is stale is liquidatable on-chain too).
      liquidatable: baseOk && vault.debt > 0n && r.liquidatable && r.collateralValue > 0n,
    } as LensVault;
    return { vault: next, market };
  });
  return { markets: [...markets.values()], all };
}

/**
 * Which of a market's events change which vaults, for the fast scan: `id` for an event of one vault (deposit, borrow,
 * repay, withdrawal, liquidation, bad debt, opening, transfer), "none" for one that changes no vault's health (interest,
 * flash loans, lenders' supply and withdrawals, reserves, operators, fees, pause), "all" for anything else (a risk change: LT,
 * listing, rate model), which needs a full scan through the lens.
 */
export function vaultsTouched(log: { data: Hex; topics: readonly Hex[] }): bigint | "none" | "all" {
  try {
    const ev = decodeEventLog({ abi: keelMarketAbi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    const args = ev.args as Record<string, unknown> | undefined;
    if (args && typeof args.id === "bigint") return args.id;
    const harmless = ["InterestAccrued", "FlashLoan", "ReservesWithdrawn", "OperatorSet", "FeesSet", "BorrowPausedSet", "Supplied", "Withdrawn"];
    if (harmless.includes(ev.eventName)) return "none";
    return "all";
  } catch {
    return "all";
  }
}

/**
 * Vault ids as lens pages [first id, count]: ids at most `gap` apart share a page, a page holds at most `page` ids
 * (the keeper's own liquidations of a crash touch hundreds of neighbouring vaults: a few pages, not a call each).
 */
export function idRanges(ids: ReadonlySet<bigint>, gap = 16n, page = 200n): [bigint, bigint][] {
  const sorted = [...ids].filter((id) => id > 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const id of sorted) {
    const last = out.at(-1);
    if (last && id - (last[0] + last[1] - 1n) <= gap && id - last[0] < page) last[1] = id - last[0] + 1n;
    else out.push([id, 1n]);
  }
  return out;
}

/**
 * Stage "scan", fast path on the chain: oracle prices, markets (cash), pools and balances at `block`; vaults from
 * `prev` re-priced, except the `touched` ones (an event since `prev`), read again through the lens.
 */
export async function rescanPrices(
  io: KeeperIO,
  prev: Snapshot,
  block: bigint,
  opts: { pairs: PairCache; withBalances: boolean; touched?: ReadonlyMap<string, ReadonlySet<bigint>> },
): Promise<Snapshot> {
  const assets = [...new Set(prev.markets.flatMap((m) => [m.baseAsset, ...m.collaterals.map((c) => c.info.asset)]))];
  const [states, header] = await Promise.all([
    Promise.all(
      assets.map((asset) =>
        io.publicClient.readContract({
          address: io.deployment.contracts.oracle,
          abi: keelOracleAbi,
          functionName: "peek",
          args: [asset],
          blockNumber: block,
        }),
      ),
    ),
    io.publicClient.getBlock({ blockNumber: block }),
  ]);
  const prices = new Map(assets.map((a, i) => [a.toLowerCase(), { price: states[i]!.price, status: states[i]!.status }]));
  let { markets, all } = repriceVaults(prev, prices);
  if (opts.touched?.size) {
    // Markets again (cash, totals), and each touched vault through the lens (one call a vault: a handful a block).
    const markets2 = await io.publicClient.readContract({
      address: io.lens,
      abi: keelLensAbi,
      functionName: "getMarkets",
      args: [markets.map((m) => m.market)],
      blockNumber: block,
    });
    markets = [...markets2];
    const byMarket = new Map(markets.map((m) => [m.market.toLowerCase(), m]));
    const fresh = new Map<string, LensVault>();
    await Promise.all(
      [...opts.touched].flatMap(([market, ids]) =>
        idRanges(ids).map(async ([from, count]) => {
          const m = byMarket.get(market);
          if (!m) return;
          const [vaults] = await io.publicClient.readContract({
            address: io.lens,
            abi: keelLensAbi,
            functionName: "getVaults",
            args: [m.market, from - 1n, count],
            blockNumber: block,
          });
          for (const v of vaults) if (ids.has(v.id)) fresh.set(`${market}:${v.id}`, v);
        }),
      ),
    );
    const seen = new Set<string>();
    all = all.map(({ vault }) => {
      const k = `${vault.market.toLowerCase()}:${vault.id}`;
      seen.add(k);
      return { vault: fresh.get(k) ?? vault, market: byMarket.get(vault.market.toLowerCase())! };
    });
    for (const [k, vault] of fresh) if (!seen.has(k)) all.push({ vault, market: byMarket.get(vault.market.toLowerCase())! });
  }
  const [pools, balances] = await Promise.all([
    readPools(io, markets, block, opts.pairs),
    opts.withBalances ? readBalances(io, markets, block) : new Map<string, bigint>(),
  ]);
  return snapshotOf(block, markets, all, pools, balances, header.gasLimit);
}

/* ───────────────────────────── stage 2: size ───────────────────────────── */

/**
 * Stage "size": a candidate for every liquidatable vault not excluded (in flight, or just liquidated); `suspect`
 * marks the vaults to simulate before sending. A follow-up is not simulated: a simulation runs on the state before
 * the plan's earlier transactions, where the liquidation it follows has not happened (the engine refuses it); the
 * planner gives follow-ups transactions of their own, so one that fails takes no first liquidation with it.
 */
export function sizeAll(
  snapshot: Snapshot,
  excluded: (market: Address, id: bigint) => boolean,
  suspect: (market: Address, id: bigint) => boolean = () => false,
): Candidate[] {
  const out: Candidate[] = [];
  for (const { vault, market } of snapshot.liquidatable) {
    if (excluded(vault.market, vault.id)) continue;
    const s = suspect(vault.market, vault.id);
    out.push(...sizeVault(vault, market).map((c) => ({ ...c, suspect: s })));
  }
  return out;
}

/** The planner's view of the snapshot's markets and pools (each pool pessimistic: see pessimisticPool). */
export function planInputs(snapshot: Snapshot) {
  const markets = new Map<string, PlanMarket>();
  const pools = new Map<string, PoolSide>();
  for (const m of snapshot.markets) {
    markets.set(m.market.toLowerCase(), { base: m.baseAsset, flashFeeBps: m.flashFeeBps, cash: m.cash });
    for (const c of m.collaterals) {
      const key = poolKey(m.baseAsset, c.info.asset);
      const pool = snapshot.pools.get(key);
      if (!pool || pools.has(key)) continue;
      pools.set(
        key,
        c.feed.status === 0
          ? pessimisticPool(pool, { price: c.feed.price, decimals: c.info.decimals }, { price: m.baseFeed.price, decimals: m.baseDecimals })
          : pool,
      );
    }
  }
  return { markets, pools };
}

/* ───────────────────────────── stage 4: simulate ───────────────────────────── */

export interface SimulatedTx {
  tx: PlannedTx;
  /** The gas limit to send with: the planner's model (an upper bound) plus a margin, within the block gas limit. */
  gas: bigint;
}

export { describeError, describeRevert, revertData } from "./revert";

/** Gas limit from the model's figure: 25k over it (interest accrues on a block's first call), at most the block's. */
export function gasLimitFor(modelGas: bigint, blockGasLimit: bigint): bigint {
  const g = modelGas + 25_000n;
  return g < blockGasLimit ? g : blockGasLimit;
}

/**
 * Stage "simulate": eth_call of the transaction at the scanned block with the gas limit it will be sent with (one
 * execution: it reverts exactly as the chain would, out of gas included, so the gas model is checked too). A
 * transaction that reverts is split in halves until the vault that makes it revert stands alone; that vault is
 * dropped with its reason, the rest goes on.
 */
export async function simulateTx(
  io: Pick<KeeperIO, "publicClient" | "account" | "liquidator">,
  tx: PlannedTx,
  blockGasLimit: bigint,
  block?: bigint,
  gasModel?: GasModel,
): Promise<{ ok: SimulatedTx[]; dropped: { candidate: Candidate; reason: string }[] }> {
  const call = (gas: bigint) =>
    io.publicClient.simulateContract({
      account: io.account,
      address: io.liquidator,
      abi: keelLiquidatorAbi,
      functionName: "liquidate",
      args: liquidatorArgs(tx),
      gas,
      blockNumber: block,
    });
  let gas = gasLimitFor(tx.gas, blockGasLimit);
  try {
    try {
      await call(gas);
    } catch (e) {
      // Out of gas (a revert without data) under the model's limit: the model was short; one more try 25 % higher.
      if (revertData(e) !== "0x" || gas >= blockGasLimit) throw e;
      gas = gasLimitFor(tx.gas + tx.gas / 4n, blockGasLimit);
      await call(gas);
    }
    return { ok: [{ tx, gas }], dropped: [] };
  } catch (e) {
    const halves = splitTx(tx, gasModel);
    if (!halves) {
      const data = revertData(e);
      const reason = data && data !== "0x" ? describeRevert(data) : describeError(e);
      return { ok: [], dropped: tx.batches.flatMap((b) => b.vaults.map((candidate) => ({ candidate, reason }))) };
    }
    const [a, b] = await Promise.all(halves.map((h) => simulateTx(io, h, blockGasLimit, block, gasModel)));
    return { ok: [...a!.ok, ...b!.ok], dropped: [...a!.dropped, ...b!.dropped] };
  }
}

/* ──────────────────── stages 5 and 6: send, confirm or replace (agents/keeper-send.ts) ──────────────────── */

/** A planned liquidator transaction as the call the send stage sends (agents/keeper-send.ts). */
export function liquidatorCall(liquidator: Address, sim: SimulatedTx): TxCall {
  return { address: liquidator, abi: keelLiquidatorAbi, functionName: "liquidate", args: liquidatorArgs(sim.tx), gas: sim.gas };
}

/** The liquidator's events in a receipt: batches, liquidations, skips, fallback batches and the result by market. */
export function readReceipt(receipt: TransactionReceipt, liquidator: Address) {
  const batches: { market: Address; liquidated: bigint; skipped: bigint; result: bigint }[] = [];
  const skipped: { market: Address; id: bigint; reason: Hex }[] = [];
  for (const l of receipt.logs) {
    if (!sameAddress(l.address, liquidator)) continue;
    try {
      const ev = decodeEventLog({ abi: keelLiquidatorAbi, data: l.data, topics: l.topics });
      if (ev.eventName === "BatchLiquidated")
        batches.push({ market: ev.args.market, liquidated: ev.args.liquidated, skipped: ev.args.skipped, result: ev.args.result });
      else if (ev.eventName === "LiquidationSkipped") skipped.push({ market: ev.args.market, id: ev.args.id, reason: ev.args.reason });
    } catch {
      // not one of the liquidator's events
    }
  }
  return { batches, skipped };
}

/* ───────────────────────────── the keeper ───────────────────────────── */

/** Sets the liquidator's loss bound and lets it take fallback losses from the keeper's base balances. */
async function prepareFallback(io: KeeperIO, maxLossBps: bigint, send: (call: Omit<TxCall, "gas">) => Promise<TransactionReceipt>) {
  const { publicClient, account, liquidator } = io;
  const current = await publicClient.readContract({ address: liquidator, abi: keelLiquidatorAbi, functionName: "maxLossBps" });
  if (current !== maxLossBps) await send({ address: liquidator, abi: keelLiquidatorAbi, functionName: "setMaxLossBps", args: [maxLossBps] });
  if (maxLossBps === 0n) return;
  const bases = [...new Set(io.deployment.markets.map((m) => m.baseAsset))];
  for (const base of bases) {
    const allowance = await publicClient.readContract({
      address: base,
      abi: erc20Abi,
      functionName: "allowance",
      args: [account.address, liquidator],
    });
    // The liquidator bounds each batch's loss on-chain (≤ maxLossBps of its repayment) and only this account may call it.
    if (allowance < maxUint256 / 2n) await send({ address: base, abi: erc20Abi, functionName: "approve", args: [liquidator, maxUint256] });
  }
}

export function startKeeper(opts: KeeperOptions) {
  const { deployment } = opts;
  const liquidator = deployment.contracts.liquidator;
  const lens = deployment.contracts.lens;
  if (!liquidator || !lens) throw new Error(`chain ${deployment.chainId}: the deployment has no liquidator or lens`);
  const c = clientsFor(opts.rpcUrl, deployment.chainId, opts.key ?? AGENT_KEYS.keeper);
  const io: KeeperIO = {
    publicClient: c.publicClient as PublicClient,
    walletClient: c.walletClient,
    account: c.account,
    deployment,
    liquidator,
    lens,
  };
  const log = jsonLogger("keeper", opts.log);
  const pageSize = BigInt(opts.pageSize ?? 250);
  const txPerBlock = BigInt(opts.txPerBlock ?? 3);
  const maxLossBps = BigInt(opts.maxLossBps ?? 100);
  const maxFeePerGas = opts.maxFeePerGas ?? 500n * 10n ** 9n;
  const replaceAfterBlocks = opts.replaceAfterBlocks ?? 2;
  const simulateAll = opts.simulate === "always";
  const nonces = nonceManager(() => c.publicClient.getTransactionCount({ address: c.account.address, blockTag: "pending" }));
  const pairs: PairCache = new Map();
  const gasModel: GasModel = { ...DEFAULT_GAS_MODEL };
  /**
   * Gas used ÷ gas limit of the keeper's large transactions (bps), the highest seen: what txGasCapFor counts an
   * earlier transaction of a block at. Starts at what `npm run bench:keeper` measures (8,300 for liquidations that empty vaults, 9,000 for partial ones).
   */
  let usedRatioBps = 9_000n;
  const stats: KeeperStats = {
    blocks: 0,
    scans: 0,
    vaultsScanned: 0,
    liquidatableSeen: 0,
    txSent: 0,
    txConfirmed: 0,
    txReverted: 0,
    txReplaced: 0,
    batchesConfirmed: 0,
    fallbackBatches: 0,
    liquidationsSent: 0,
    liquidationsConfirmed: 0,
    liquidationsSkipped: 0,
    claimLiquidations: 0,
    claimsRedeemed: 0,
    claimsUnfunded: 0,
    claimsUnprofitable: 0,
    vaultsDeferred: 0,
    vaultsDropped: 0,
    profit: {},
    profitUsd: 0n,
    gasUsed: 0n,
    gasSpent: 0n,
    delaysMs: [],
    delayBlocks: [],
    errors: 0,
  };
  const inflight = new Map<string, Promise<void>>();
  /** Vaults liquidated by the keeper, with the block: a scan of an older block must not send them again. */
  const recent = new Map<string, bigint>();
  /** Vaults to simulate before sending, until the block given (see KeeperOptions.simulate). */
  const suspects = new Map<string, bigint>();
  const vaultKey = (market: Address, id: bigint) => `${market.toLowerCase()}:${id}`;
  const symbolOf = (addr: Address) => deployment.assets.find((a) => sameAddress(a.address, addr))?.symbol ?? addr;
  let lastBlock: bigint | null = null;
  /** When the keeper saw each recent block (ms): the planned log's `seenMs` is the time from there to the scan's start. */
  const seenAt = new Map<bigint, number>();
  let lastUpdate: { block: bigint; seenAt: number } | null = null;
  let lastScanBlock: bigint | null = null;
  /** The last full scan, and whether a market event happened since (then the next scan reads the lens). */
  let lastSnapshot: Snapshot | null = null;
  let marketChanged = true;
  /** Vaults with an event since the last scan, by lower-case market: the fast scan reads them again. */
  let touched = new Map<string, Set<bigint>>();
  let liquidatableLeft = 0;
  const rescanEvery = BigInt(opts.rescanEvery ?? 10);
  let stopped = false;
  const crossChain = opts.crossChain && opts.crossChain.gateway.chainId === deployment.chainId ? opts.crossChain : undefined;
  const claims = claimSet(crossChain);
  const claimRules: ClaimRules = { ...DEFAULT_CLAIM_RULES, ...opts.claimRules };
  const claimGas = { ...DEFAULT_CLAIM_GAS };
  const nativeAsset = claimRules.nativeAsset ?? deployment.assets.find((a) => a.symbol === "WETH")?.address;
  /**
   * The keeper's base in flight, by lower-case base (the budget rule: agents/keeper-claims.ts ClaimRules): the maxLoss
   * of its liquidator transactions not mined yet, and the repayment of its claim liquidations not mined yet.
   */
  const heldByLiquidator = new Map<string, bigint>();
  const heldByClaims = new Map<string, bigint>();
  const hold = (held: Map<string, bigint>, base: Address, amount: bigint) => {
    const k = base.toLowerCase();
    const next = (held.get(k) ?? 0n) + amount;
    if (next > 0n) held.set(k, next);
    else held.delete(k);
  };
  /** When the keeper last warned that a base ran out for claims (at most once per 64 blocks a base). */
  const warnedAt = new Map<string, bigint>();
  const feesNow = async () => feesFor(await c.publicClient.estimateFeesPerGas(), maxFeePerGas);
  const confirmOpts = {
    replaceAfterBlocks,
    stopped: () => stopped,
    feesNow,
    onReplaced: (hash: Hex, fees: Fees) => {
      stats.txReplaced++;
      log("replaced", { hash, maxFeePerGas: fees.maxFeePerGas });
    },
    onReplaceFailed: (error: string) => log("replace-failed", { error }),
  };
  /**
   * One of the keeper's own calls (the claim stage, the fallback set-up) through the send and confirm-or-replace
   * stages, at the keeper's fees of now: never a node's default fee, never a wait that holds the nonce for good.
   */
  const sendCall = async (call: Omit<TxCall, "gas">) => {
    const fees = await feesNow();
    if (!fees) throw new Error(`gas over the keeper's cap (${maxFeePerGas} wei)`);
    const receipt = await sendAndConfirm(io, nonces, call, fees, confirmOpts);
    stats.gasSpent += receipt.gasUsed * receipt.effectiveGasPrice;
    return receipt;
  };
  const claimIO = { publicClient: io.publicClient, account: io.account, send: sendCall };
  /** The oracle's price of `asset` (WAD), null when it is not fresh. */
  const oraclePrice = async (asset: Address) => {
    const s = await c.publicClient.readContract({ address: deployment.contracts.oracle, abi: keelOracleAbi, functionName: "peek", args: [asset] });
    return s.status === 0 ? s.price : null;
  };
  /**
   * Redeems the claims the keeper holds that are worth a Release (after its claim liquidations, and on start: claims
   * a crash left behind); dust and small seizures wait (agents/keeper-claims.ts redeemWorthIt).
   */
  const redeem = async () => {
    if (!crossChain) return;
    const nativePrice = nativeAsset ? await oraclePrice(nativeAsset) : null;
    const prices = new Map<string, { price: bigint | null; decimals: number }>();
    for (const claim of new Set(crossChain.gateway.claims.map((x) => x.claim))) {
      const decimals = await c.publicClient.readContract({ address: claim, abi: erc20Abi, functionName: "decimals" });
      prices.set(claim.toLowerCase(), { price: await oraclePrice(claim), decimals });
    }
    const released = await redeemClaims(
      claimIO,
      crossChain,
      (claim, amount, fee) => {
        const p = prices.get(claim.toLowerCase());
        const rule = { minUsd: claimRules.minRedeemUsd, feeMultiple: claimRules.redeemFeeMultiple };
        return !!p && redeemWorthIt({ amount, ...p }, fee, nativePrice, rule);
      },
      (event, fields) => {
        if (event === "claim-redeem-failed") stats.errors++;
        log(event, fields);
      },
    );
    for (const r of released) if (r.gasUsed > claimGas.redeem) claimGas.redeem = r.gasUsed;
    stats.claimsRedeemed += released.length;
  };
  const ready = prepareFallback(io, maxLossBps, sendCall).catch((e: Error) => {
    stats.errors++;
    log("fallback-setup-failed", { error: describeError(e) });
  });
  /** The private pool's liquidator: its own serialized pass on each block (a proof takes seconds: never in `run`). */
  // The liquidators' key is checked here (a missing key, or the development key off a local chain, stops the start).
  const privatePool = opts.privatePool
    ? privateLiquidator(c, nonces, { ...opts.privatePool, secret: opts.privatePool.secret ?? liquidatorsSecret(deployment.chainId) }, log)
    : null;
  const runPrivate = serialized(
    async () => {
      await privatePool?.pass();
    },
    (e) => {
      stats.errors++;
      log("private-pass-failed", { error: describeError(e) });
    },
    () => stopped,
  );

  /**
   * The claim stage's pass, beside the scan (never awaited by it): one at a time; a scan while one runs leaves its
   * claim vaults to a later scan (the vaults of the running pass are in `inflight`: no scan takes them twice).
   */
  let claimPass: Promise<void> | null = null;
  const runClaims = (pass: () => Promise<void>) => {
    if (claimPass || stopped) return;
    claimPass = pass()
      .catch((e: unknown) => {
        stats.errors++;
        log("claim-pass-failed", { error: describeError(e) });
      })
      .finally(() => {
        claimPass = null;
      });
  };
  void ready.then(() => runClaims(redeem));

  /**
   * Follows one sent liquidator transaction to its receipt (or its replacement's) and counts what it did; its batches'
   * maxLoss is held from the claim stage's budget until then.
   */
  function follow(sent: SentTx, sim: SimulatedTx, markets: ReadonlyMap<string, LensMarket>, update: typeof lastUpdate) {
    const keys = sim.tx.batches.flatMap((b) => b.vaults.map((v) => vaultKey(v.market, v.id)));
    for (const b of sim.tx.batches) hold(heldByLiquidator, b.base, b.maxLoss);
    const done = (async () => {
      try {
        const outcome = await confirmOrReplace(io, nonces, sent, {
          ...confirmOpts,
          onReplaced: (hash, fees) => {
            stats.txReplaced++;
            log("replaced", { nonce: sent.nonce, hash, maxFeePerGas: fees.maxFeePerGas });
          },
          onReplaceFailed: (error) => log("replace-failed", { nonce: sent.nonce, error }),
        });
        if (outcome.kind !== "mined") {
          if (outcome.kind === "taken") log("nonce-taken", { nonce: sent.nonce });
          return;
        }
        const { receipt } = outcome;
        stats.gasSpent += receipt.gasUsed * receipt.effectiveGasPrice;
        if (receipt.status !== "success") {
          stats.txReverted++;
          keys.forEach((k) => suspects.set(k, receipt.blockNumber + 64n));
          const reason = await minedRevertReason(io, sent, receipt).catch((e: unknown) => `not replayable: ${describeError(e)}`);
          log("reverted", { hash: receipt.transactionHash, nonce: sent.nonce, block: receipt.blockNumber, reason });
          return;
        }
        stats.txConfirmed++;
        stats.gasUsed += receipt.gasUsed;
        keys.forEach((k) => recent.set(k, receipt.blockNumber));
        const { batches, skipped } = readReceipt(receipt, liquidator!);
        for (const b of batches) {
          stats.batchesConfirmed++;
          stats.liquidationsConfirmed += Number(b.liquidated);
          stats.liquidationsSkipped += Number(b.skipped);
          if (b.result < 0n) stats.fallbackBatches++;
          const m = markets.get(b.market.toLowerCase());
          if (m) {
            const sym = symbolOf(m.baseAsset);
            stats.profit[sym] = (stats.profit[sym] ?? 0n) + b.result;
            stats.profitUsd +=
              b.result < 0n ? -baseToUsd(-b.result, m.baseFeed.price, m.baseDecimals) : baseToUsd(b.result, m.baseFeed.price, m.baseDecimals);
          }
        }
        for (const s of skipped) log("skipped", { market: s.market, id: s.id, reason: describeRevert(s.reason) });
        if (update) {
          stats.delaysMs.push(Date.now() - update.seenAt);
          stats.delayBlocks.push(Number(receipt.blockNumber - update.block));
        }
        const liquidated = batches.reduce((n, b) => n + b.liquidated, 0n);
        // The model rises with the receipts: 20 % over the gas a liquidation used in a large batch (receipts show gas
        // after refunds, ≤ 20 %; the limit must cover it before them). It never falls: the simulation would catch a
        // short model, but only by running twice.
        if (liquidated >= 20n) {
          const observed = (receipt.gasUsed - gasModel.perTx - gasModel.perBatch * BigInt(batches.length)) / liquidated;
          if ((observed * 115n) / 100n > gasModel.perVault) gasModel.perVault = (observed * 115n) / 100n;
          const ratio = (receipt.gasUsed * 10_000n) / sim.gas;
          if (ratio > usedRatioBps) usedRatioBps = ratio;
        }
        log("confirmed", {
          hash: receipt.transactionHash,
          nonce: sent.nonce,
          block: receipt.blockNumber,
          gasUsed: receipt.gasUsed,
          gasLimit: sim.gas,
          liquidated,
        });
      } catch (e) {
        stats.errors++;
        log("confirm-failed", { nonce: sent.nonce, error: describeError(e) });
      } finally {
        keys.forEach((k) => inflight.delete(k));
        for (const b of sim.tx.batches) hold(heldByLiquidator, b.base, -b.maxLoss);
      }
    })();
    keys.forEach((k) => inflight.set(k, done));
  }

  /** One pass of the pipeline over the latest block. */
  async function run() {
    await ready;
    const t0 = Date.now();
    stats.scans++;
    const update = lastUpdate;
    const block = await c.publicClient.getBlockNumber({ cacheTime: 0 });
    for (const [k, b] of recent) if (b + 64n < block) recent.delete(k);
    for (const [k, b] of suspects) if (b < block) suspects.delete(k);
    // scan
    // Only feeds moved since the last full scan (a few blocks ago at most): re-price it rather than read every vault.
    // Beyond 2,000 touched vaults, the full scan.
    const touchedCount = [...touched.values()].reduce((n, ids) => n + ids.size, 0);
    const fast = lastSnapshot !== null && !marketChanged && block - lastSnapshot.block <= rescanEvery && touchedCount <= 2_000;
    marketChanged = false;
    const touchedNow = touched;
    touched = new Map();
    const [snapshot, feeEstimate] = await Promise.all([
      fast
        ? rescanPrices(io, lastSnapshot!, block, { pairs, withBalances: maxLossBps > 0n, touched: touchedNow })
        : scanChain(io, block, {
            pageSize,
            pairs,
            withBalances: maxLossBps > 0n,
            onUnreadable: (id, error) => {
              stats.errors++;
              log("vault-unreadable", { id, error });
            },
          }),
      c.publicClient.estimateFeesPerGas(),
    ]);
    // The base of the next fast scan: this one when it read the lens; after a fast scan, its touched vaults read again
    // (the block of the last full scan kept: interest since then is what `rescanEvery` bounds).
    if (!fast) lastSnapshot = snapshot;
    else if (touchedNow.size) lastSnapshot = { ...snapshot, block: lastSnapshot!.block };
    const scanMs = Date.now() - t0;
    stats.vaultsScanned += snapshot.vaultsScanned;
    stats.liquidatableSeen += snapshot.liquidatable.length;
    lastScanBlock = block;
    liquidatableLeft = snapshot.liquidatable.length;
    // size
    const sized = sizeAll(
      snapshot,
      (market, id) => {
        const k = vaultKey(market, id);
        return inflight.has(k) || (recent.get(k) ?? -1n) >= block;
      },
      (market, id) => suspects.has(vaultKey(market, id)) || recent.has(vaultKey(market, id)),
    );
    if (!sized.length) return;
    // Claims (cross-chain collateral) have no pool: their own stage, after the liquidator's transactions are sent.
    const candidates = sized.filter((c) => !claims.has(c.collateral.toLowerCase()));
    const claimCandidates = sized.filter((c) => claims.has(c.collateral.toLowerCase()));
    const again = snapshot.liquidatable.filter(({ vault }) => recent.has(vaultKey(vault.market, vault.id)));
    if (again.length)
      log("liquidatable-again", {
        vaults: again.length,
        sample: again.slice(0, 3).map(({ vault }) => ({
          id: vault.id,
          hf: vault.healthFactor,
          debt: vault.debt,
          liquidatedAt: recent.get(vaultKey(vault.market, vault.id)),
        })),
      });
    const fees = feesFor(feeEstimate, maxFeePerGas);
    if (!fees) {
      log("gas-too-high", { maxFeePerGas: feeEstimate.maxFeePerGas, cap: maxFeePerGas, vaults: sized.length });
      return;
    }
    // plan
    const { markets, pools } = planInputs(snapshot);
    const txGasCap = txGasCapFor(snapshot.blockGasLimit, txPerBlock, usedRatioBps);
    const plan = planBatches(candidates, {
      pools,
      markets,
      gas: gasModel,
      txGasCap,
      block: { available: (snapshot.blockGasLimit * 98n) / 100n, usedRatioBps },
      maxLossBps,
      // The budget rule (agents/keeper-claims.ts ClaimRules): claim liquidations in flight hold their repayment.
      lossBudget: new Map(
        [...snapshot.balances].map(([base, b]) => [base, b - (heldByClaims.get(base) ?? 0n) > 0n ? b - (heldByClaims.get(base) ?? 0n) : 0n]),
      ),
    });
    stats.vaultsDeferred += plan.deferred.length;
    if (plan.deferred.length) log("deferred", { vaults: plan.deferred.length, reasons: [...new Set(plan.deferred.map((d) => d.reason))] });
    log("planned", {
      block,
      ms: Date.now() - t0,
      scanMs,
      seenMs: seenAt.has(block) ? t0 - seenAt.get(block)! : null,
      scan: fast ? "re-priced" : "lens",
      liquidatable: snapshot.liquidatable.length,
      vaults: candidates.length,
      txs: plan.txs.length,
      batches: plan.txs.reduce((n, t) => n + t.batches.length, 0),
      txGasCap,
    });
    const lensMarkets = new Map(snapshot.markets.map((m) => [m.market.toLowerCase(), m]));
    // simulate (suspects only, unless `simulate: "always"`), then send in plan order (nonce order is execution
    // order: the plan priced each batch after the ones before it); each transaction is sent as soon as it and every
    // one before it are simulated or need no simulation. The planner puts the suspects last.
    const mustSimulate = (tx: PlannedTx) => simulateAll || tx.batches.some((b) => b.vaults.some((v) => v.suspect));
    // Simulations start once every clean transaction before them is sent (they would slow the node down meanwhile).
    const sending: Promise<void>[] = [];
    for (const tx of plan.txs) {
      const simulated = mustSimulate(tx)
        ? await simulateTx(io, tx, snapshot.blockGasLimit, block, gasModel)
        : { ok: [{ tx, gas: gasLimitFor(tx.gas, snapshot.blockGasLimit) }], dropped: [] };
      const { dropped } = simulated;
      let { ok } = simulated;
      if (ok.length > 1) {
        // The parts that passed around a dropped vault go out as one transaction again (one loan and swap per batch).
        const merged = mergeTxs(
          ok.map((o) => o.tx),
          gasModel,
        );
        ok = [{ tx: merged, gas: gasLimitFor(merged.gas, snapshot.blockGasLimit) }];
      }
      for (const d of dropped) {
        stats.vaultsDropped++;
        suspects.set(vaultKey(d.candidate.market, d.candidate.id), block + 64n);
        log("dropped", { market: d.candidate.market, id: d.candidate.id, reason: d.reason });
      }
      for (const sim of ok) {
        const vaults = sim.tx.batches.reduce((n, b) => n + b.vaults.length, 0);
        // Nonces are taken in plan order; the transactions go out together (a signature and a round trip each).
        const nonce = await nonces.take();
        sending.push(sendOne(sim, vaults, nonce));
      }
    }
    await Promise.all(sending);
    // Beside the scan, never awaited by it: a claim transaction waiting for its block holds up no later scan.
    if (claimCandidates.length) runClaims(() => claimStage(snapshot, sized, block, feeEstimate.maxFeePerGas));

    async function sendOne(sim: SimulatedTx, vaults: number, nonce: number) {
      try {
        const sent = await sendTx(io, nonces, liquidatorCall(liquidator!, sim), fees!, block, nonce);
        stats.txSent++;
        stats.liquidationsSent += vaults;
        log("sent", {
          hash: sent.hashes[0],
          nonce: sent.nonce,
          ms: Date.now() - t0,
          vaults,
          batches: sim.tx.batches.map((b) => ({ collateral: symbolOf(b.collateral), n: b.vaults.length, expected: b.result, maxLoss: b.maxLoss })),
          gas: sim.gas,
          simulated: mustSimulate(sim.tx),
        });
        follow(sent, sim, lensMarkets, update);
      } catch (e) {
        stats.errors++;
        log("send-failed", { error: describeError(e), vaults, nonce });
      }
    }
  }

  /**
   * Stage "claims" (agents/keeper-claims.ts), one pass: the vaults whose seizure is a claim and that pay (expected
   * value after gas and the Release fee ≥ minProfitUsd), most valuable first, at most maxPerPass, liquidated one
   * after the other from the keeper's base within the budget rule; then the claims held redeemed if worth a Release.
   * Runs beside the scan: its vaults are in `inflight` meanwhile.
   */
  async function claimStage(snapshot: Snapshot, sized: readonly Candidate[], block: bigint, gasPrice: bigint) {
    if (!crossChain) return;
    const byMarket = new Map(snapshot.markets.map((m) => [m.market.toLowerCase(), m]));
    const baseOf = (market: Address) => byMarket.get(market.toLowerCase())?.baseAsset;
    const prices: ClaimPrices = {
      base: (market) => {
        const m = byMarket.get(market.toLowerCase());
        return m && m.baseFeed.status === 0 ? { asset: m.baseAsset, price: m.baseFeed.price, decimals: m.baseDecimals } : undefined;
      },
      collateral: (market, asset) => {
        const x = byMarket.get(market.toLowerCase())?.collaterals.find((k) => sameAddress(k.info.asset, asset));
        return x && x.feed.status === 0 ? { price: x.feed.price, decimals: x.info.decimals } : undefined;
      },
    };
    const [balances, releaseFee, nativePrice] = await Promise.all([
      readBaseBalances(io, [...new Set(snapshot.markets.map((m) => m.baseAsset))]),
      quoteReleaseFees(io, crossChain),
      nativeAsset ? oraclePrice(nativeAsset) : null,
    ]);
    const budgets = claimBudgets(balances, heldByLiquidator, heldByClaims, maxLossBps > 0n ? claimRules.reserveBps : 0n);
    const costs = { gas: claimGas, gasPrice, nativePrice, releaseFee };
    const plan = planClaimLiquidations(sized, claims, baseOf, {
      budgets,
      value: (x, repay) => claimLiquidationValue(x, repay, prices, costs),
      minProfitUsd: claimRules.minProfitUsd,
      maxPerPass: claimRules.maxPerPass,
    });
    const { liquidations, unfunded, unprofitable, capped, later } = plan;
    stats.claimsUnfunded += unfunded.length;
    stats.claimsUnprofitable += unprofitable.length;
    const deferred = unfunded.length + unprofitable.length + capped.length + later.length;
    if (deferred) {
      stats.vaultsDeferred += deferred;
      const reasons = {
        "no-base-balance": unfunded.length,
        unprofitable: unprofitable.length,
        "per-pass-cap": capped.length,
        "follow-up": later.length,
      };
      log("deferred", {
        vaults: deferred,
        reasons: Object.entries(reasons)
          .filter(([, n]) => n)
          .map(([r]) => r),
        ...(unprofitable.length ? { unprofitable: unprofitable.slice(0, 3).map((u) => ({ id: u.candidate.id, valueUsd: u.value })) } : {}),
      });
    }
    // Out of base for claims: the vaults stay unliquidated until the keeper is funded again — an operator's alarm.
    for (const e of exhaustedBases(unfunded, baseOf, balances, budgets)) {
      const last = warnedAt.get(e.base);
      if (last !== undefined && last + 64n > block) continue;
      warnedAt.set(e.base, block);
      log("base-exhausted", {
        level: "warn",
        message: `the keeper's ${symbolOf(e.base as Address)} cannot fund ${e.vaults} claim liquidation(s): fund the keeper`,
        ...e,
        heldByLiquidator: heldByLiquidator.get(e.base) ?? 0n,
        reserveBps: claimRules.reserveBps,
      });
    }
    if (!liquidations.length) return;
    const keys = liquidations.map((l) => vaultKey(l.candidate.market, l.candidate.id));
    for (const l of liquidations) hold(heldByClaims, l.base, l.repay);
    const done = (async () => {
      const mined = await liquidateClaims(
        claimIO,
        liquidations,
        (event, fields) => {
          if (event === "claim-liquidation-failed") {
            stats.errors++;
            suspects.set(vaultKey(fields.market as Address, fields.id as bigint), block + 64n);
          }
          log(event, fields);
        },
        (l) => hold(heldByClaims, l.base, -l.repay),
      );
      for (const m of mined) {
        recent.set(vaultKey(m.market, m.id), m.block);
        stats.claimLiquidations++;
        stats.liquidationsConfirmed++;
        if (m.gasUsed > claimGas.liquidate) claimGas.liquidate = m.gasUsed;
      }
      if (mined.length) await redeem();
    })().finally(() => keys.forEach((k) => inflight.delete(k)));
    keys.forEach((k) => inflight.set(k, done));
    await done;
  }

  /**
   * On each block: a full scan when something could have changed a vault's health — a feed or market event since the
   * last block, vaults still liquidatable at the last scan, or `rescanEvery` quiet blocks (interest accrues) — so a
   * quiet chain does not keep the pipeline busy when the block with the crash arrives.
   */
  async function onBlock(block: bigint) {
    stats.blocks++;
    seenAt.set(block, Date.now());
    for (const b of seenAt.keys()) if (b + 16n < block) seenAt.delete(b);
    const from = lastBlock === null ? block : lastBlock + 1n;
    lastBlock = block;
    let needed = true;
    try {
      const logs = await c.publicClient.getLogs({
        address: [...deployment.assets.map((a) => a.feed), ...deployment.markets.map((m) => m.address)],
        fromBlock: from,
        toBlock: block,
      });
      const feeds = new Set(deployment.assets.map((a) => a.feed.toLowerCase()));
      const updates = logs.filter((l) => feeds.has(l.address.toLowerCase()));
      for (const l of logs) {
        if (feeds.has(l.address.toLowerCase())) continue;
        const t = vaultsTouched(l);
        if (t === "all") marketChanged = true;
        else if (t !== "none") {
          const m = l.address.toLowerCase();
          if (!touched.has(m)) touched.set(m, new Set());
          touched.get(m)!.add(t);
        }
      }
      if (updates.length) lastUpdate = { block: updates[updates.length - 1]!.blockNumber!, seenAt: Date.now() };
      needed = logs.length > 0 || liquidatableLeft > 0 || lastScanBlock === null || block - lastScanBlock >= rescanEvery;
    } catch {
      // The RPC dropped the call: scan anyway, through the lens.
      marketChanged = true;
    }
    if (needed) void runScan();
    if (privatePool) void runPrivate();
  }

  /** Runs the pipeline, or queues one more run if one is already running (never two at once). */
  const runScan = serialized(
    run,
    (e) => {
      stats.errors++;
      log("scan-failed", { error: describeError(e) });
    },
    () => stopped,
  );

  const unwatch = c.publicClient.watchBlockNumber({ onBlockNumber: (b) => void onBlock(b), emitOnBegin: true, poll: true, pollingInterval: 100 });
  log("started", { account: c.account.address, liquidator, markets: deployment.markets.length, maxLossBps, txPerBlock });

  return {
    stats,
    /** Scans now (tests and benches), resolving when its transactions are sent. */
    scan: runScan,
    /** The private pool's liquidator (null without `privatePool`): its counters; `scanPrivate` runs a pass now. */
    privatePool: privatePool && { stats: privatePool.stats, mirror: privatePool.mirror },
    scanPrivate: runPrivate,
    /** Resolves when no scan runs and no transaction of the keeper waits for its receipt. */
    async idle() {
      while (runScan.running() || runPrivate.running() || claimPass || inflight.size) {
        await runScan.running();
        await runPrivate.running();
        await claimPass;
        await Promise.all([...inflight.values()]);
      }
    },
    async stop() {
      unwatch();
      await runScan.running();
      await runPrivate.running();
      // Transactions in flight get a minute to be mined (replaced if they must), then their followers give up.
      await Promise.race([Promise.all([...inflight.values(), claimPass]), new Promise((r) => setTimeout(r, 60_000))]);
      stopped = true;
      await Promise.all([...inflight.values(), claimPass]);
      log("stopped", { ...stats, delaysMs: undefined, delayBlocks: undefined });
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string", default: "http://127.0.0.1:8545" },
      chain: { type: "string", default: "31337" },
      "max-loss-bps": { type: "string", default: "100" },
      "tx-per-block": { type: "string", default: "3" },
      "max-gwei": { type: "string", default: "500" },
      simulate: { type: "string", default: "suspects" },
      "private-pool": { type: "string" },
      "private-pool-from": { type: "string", default: "0" },
    },
  });
  const pool = values["private-pool"];
  if (pool !== undefined && !isAddress(pool)) throw new Error("--private-pool: an address");
  if (values.simulate !== "suspects" && values.simulate !== "always") throw new Error("--simulate: suspects or always");
  const keeper = startKeeper({
    rpcUrl: values.rpc,
    deployment: readDeployment(Number(values.chain)),
    maxLossBps: Number(values["max-loss-bps"]),
    txPerBlock: Number(values["tx-per-block"]),
    maxFeePerGas: BigInt(Math.round(Number(values["max-gwei"]) * 1e9)),
    simulate: values.simulate,
    privatePool: pool ? { pool, fromBlock: BigInt(values["private-pool-from"]) } : undefined,
  });
  process.on("SIGINT", () => void keeper.stop().then(() => process.exit(0)));
}
