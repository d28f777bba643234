/**
 * The keeper's pure stages (no I/O): size each liquidatable vault, then plan transactions — batches of one market and
 * one collateral (one flash loan and one swap each), priced one after the other against the pool as the batches before
 * them leave it, packed up to a gas cap per transaction, with the fallback (a small loss, bounded on-chain by
 * KeelLiquidator) for the vaults that do not pay at that pool. agents/keeper.ts runs them on the chain.
 */
import type { Address } from "viem";
import { alignedPool, sellInto, type PoolSide } from "../lib/engine/amm";
import { batchResult, flashAmountFor, flashFee, liquidationSize, lossBound } from "../lib/engine/liquidation";
import { healthFactor, valueDown } from "../lib/engine/health";
import { WAD, wMulDown } from "../lib/engine/math";
import type { LensMarket, LensVault } from "../lib/read/vaults";
import { sameAddress } from "../lib/config/address";

/** One vault's liquidation as planned. */
export interface Candidate {
  market: Address;
  id: bigint;
  collateral: Address;
  /** What the market is expected to take (lib/engine/liquidation.ts) and what it is offered at most (the headroom). */
  repay: bigint;
  maxRepay: bigint;
  /** Collateral units expected to be seized, and the discount (WAD). */
  seized: bigint;
  discount: bigint;
  /** Collaterals the vault holds: each one more costs the market's health check a feed read. */
  assets: number;
  /** A further liquidation of a vault already in the plan (planned after every first one). */
  followUp: boolean;
  /**
   * The liquidation empties a storage slot (the whole balance seized, or the whole debt repaid): its gas before the
   * refund is higher than after it, and a gas limit must cover the gas before.
   */
  closes?: boolean;
  /**
   * Simulate before sending: the vault was in a transaction that reverted or was dropped, or was liquidated by the
   * keeper a few blocks ago. Suspects are planned after the clean ones, so the clean transactions go out at once.
   */
  suspect?: boolean;
}

/** Headroom over the expected repayment, in bps: absorbs a front-running deposit and interest between blocks. */
export const REPAY_HEADROOM_BPS = 10n;

/**
 * Stage "size": the liquidations of `v` (one of `m`'s vaults). The first seizes the collateral that earns the most;
 * when the vault would still be below 1 after it (several collaterals), a follow-up for each further collateral,
 * sized at the health the first leaves (an estimate: the market decides) and offered the whole debt as its maximum
 * (the market repays what its rules require, so the estimate can be off without reverting anything). Follow-ups are
 * planned after every first liquidation.
 */
export function sizeVault(v: LensVault, m: LensMarket): Candidate[] {
  const out: Candidate[] = [];
  let state = {
    healthFactor: v.healthFactor,
    liquidationValue: v.liquidationValue,
    debtValue: v.debtValue,
    debt: v.debt,
    collateralValue: v.collateralValue,
  };
  const left = v.collaterals.filter((col) => col.amount > 0n && col.status === 0);
  const assets = v.collaterals.filter((x) => x.amount > 0n).length;
  while (left.length && state.healthFactor < WAD && state.debt > 0n) {
    let best: { i: number; size: NonNullable<ReturnType<typeof liquidationSize>> } | null = null;
    left.forEach((col, i) => {
      const info = m.collaterals.find((x) => sameAddress(x.info.asset, col.asset))?.info;
      if (!info) return;
      const size = liquidationSize({
        ...state,
        baseDecimals: m.baseDecimals,
        basePrice: m.baseFeed.price,
        amount: col.amount,
        decimals: col.decimals,
        price: col.price,
        liquidationThreshold: col.liquidationThreshold,
        maxDiscount: info.maxDiscount,
        // The vault's other priced collaterals: the engine refuses a seizure that lowers HF while one would raise it.
        others: left
          .filter((o) => o !== col)
          .map((o) => ({
            value: valueDown(o.amount, o.price, o.decimals),
            liquidationThreshold: o.liquidationThreshold,
            maxDiscount: m.collaterals.find((x) => sameAddress(x.info.asset, o.asset))?.info.maxDiscount ?? 0n,
          })),
      });
      if (size && size.repay > 0n && (!best || size.grossValue > best.size.grossValue)) best = { i, size };
    });
    if (!best) break;
    const { i, size } = best as { i: number; size: NonNullable<ReturnType<typeof liquidationSize>> };
    const col = left.splice(i, 1)[0]!;
    const followUp = out.length > 0;
    out.push({
      market: v.market,
      id: v.id,
      collateral: col.asset,
      repay: size.repay,
      // A follow-up is offered the whole debt (the market repays what its rules require), with the headroom too.
      maxRepay: followUp ? v.debt + (v.debt * REPAY_HEADROOM_BPS) / 10_000n + 1n : flashAmountFor(size, REPAY_HEADROOM_BPS),
      seized: size.seized,
      discount: size.discount,
      assets,
      followUp,
      closes: size.seized >= col.amount || size.repay >= state.debt,
    });
    // The vault after this seizure: its liquidation value loses the seized collateral's, its debt the repayment.
    const liquidationValue = state.liquidationValue - wMulDown(valueDown(size.seized, col.price, col.decimals), col.liquidationThreshold);
    const debtValue = state.debtValue - valueDown(size.repay, m.baseFeed.price, m.baseDecimals);
    const debt = state.debt - size.repay;
    const collateralValue = state.collateralValue - valueDown(size.seized, col.price, col.decimals);
    state = {
      liquidationValue,
      debtValue,
      debt,
      collateralValue,
      healthFactor: healthFactor(liquidationValue, debtValue),
    };
  }
  return out;
}

/** Key of a pool (and of the pessimistic pool the planner keeps for it): base and collateral token. */
export const poolKey = (base: Address, collateral: Address) => `${base.toLowerCase()}:${collateral.toLowerCase()}`;

/**
 * The pool a sale of collateral meets, from the keeper's side (collateral in, base out): the pool as it is, or —
 * when it pays more for the collateral than the oracle — the pool after the arbitrageur has brought it back to the
 * oracle's price, since that trade may land before ours. Prices: USD per whole token (WAD).
 */
export function pessimisticPool(
  pool: PoolSide,
  collateral: { price: bigint; decimals: number },
  base: { price: bigint; decimals: number },
): PoolSide {
  // Oracle: base units per collateral unit = colPrice × 10^baseDec / (basePrice × 10^colDec).
  const num = collateral.price * 10n ** BigInt(base.decimals);
  const den = base.price * 10n ** BigInt(collateral.decimals);
  if (num === 0n || den === 0n) return pool;
  if (pool.reserveOut * den <= pool.reserveIn * num) return pool; // pays no more than the oracle
  return alignedPool(pool, num, den, 0n);
}

/**
 * Gas of a transaction as the planner counts it — an upper bound, sent as the gas limit: a base, each batch (loan,
 * swap, repayment), each liquidation, and each further collateral the vault holds.
 */
export interface GasModel {
  perTx: bigint;
  perBatch: bigint;
  perVault: bigint;
  perExtraCollateral: bigint;
  /** More for a liquidation that empties a slot (Candidate.closes): refunded after the call, but needed in the limit. */
  perClose: bigint;
}

/**
 * Gas before refunds (what a limit must cover), fitted to eth_estimateGas of the keeper's mined transactions in
 * `npm run bench:keeper` (KEEL_BENCH_DEBUG=1): 61 liquidations that empty the vault 3,424,008 (51.4k each over ~290k
 * for the transaction, loan and swap), 65 partial ones 3,467,334 (48.9k each), one 336-393k; the receipts show 9-17 %
 * less (refunds). perBatch holds the batch's first liquidation's cold reads too (the market's accounting, the vault's
 * collaterals' feeds): 240k left the single-vault transaction (393k) and the demo's two-vault WETH batch with a
 * cross-margin vault (471,994 by eth_estimateGas; the relayer chain test) out of gas inside the market's call, a
 * reverted transaction and a block lost at the start of a fall. `gasLimitFor` adds 25k. The keeper raises perVault if a receipt shows more; a transaction with a
 * suspect vault is simulated with its limit, so a short model is caught and retried higher.
 */
export const DEFAULT_GAS_MODEL: GasModel = {
  perTx: 60_000n,
  perBatch: 280_000n,
  perVault: 49_500n,
  perExtraCollateral: 30_000n,
  perClose: 3_000n,
};

/**
 * Gas limit of each of the keeper's transactions so that `txPerBlock` of them fit one block: the block's limit less
 * `reserveBps` for others' transactions, shared knowing that a block counts a mined transaction at the gas it used
 * (`usedRatio` of its limit, in bps: a limit is an upper bound, refunds included) and only the last one at its whole
 * limit. With k transactions of limit l: (k − 1)·r·l + l ≤ available, so l = available ÷ ((k − 1)·r + 1). Dividing by k
 * instead (r = 1) leaves a block at r of its limit: 12M blocks were 85 % full with three 3.84M transactions.
 */
export function txGasCapFor(blockGasLimit: bigint, txPerBlock: bigint, usedRatioBps: bigint, reserveBps = 200n): bigint {
  const available = (blockGasLimit * (10_000n - reserveBps)) / 10_000n;
  const k = txPerBlock > 0n ? txPerBlock : 1n;
  const r = usedRatioBps > 10_000n ? 10_000n : usedRatioBps < 5_000n ? 5_000n : usedRatioBps;
  return (available * 10_000n) / ((k - 1n) * r + 10_000n);
}

/** The model's gas for one liquidation of `c`. */
export const vaultGas = (c: Candidate, gas: GasModel) =>
  gas.perVault + gas.perExtraCollateral * BigInt(Math.max(0, c.assets - 1)) + (c.closes ? gas.perClose : 0n);

export interface PlannedBatch {
  market: Address;
  base: Address;
  collateral: Address;
  vaults: Candidate[];
  /** Flash loan (Σ maxRepay), expected repayment, collateral seized, flash fee, sale proceeds and result (base units). */
  loan: bigint;
  repay: bigint;
  seized: bigint;
  fee: bigint;
  proceeds: bigint;
  result: bigint;
  /** Sent to KeelLiquidator: the profit required and the loss accepted (> 0 only for a fallback batch). */
  minProfit: bigint;
  maxLoss: bigint;
}

export interface PlannedTx {
  batches: PlannedBatch[];
  /** Gas by the model (the simulation stage measures the real figure). */
  gas: bigint;
}

export interface PlanMarket {
  base: Address;
  flashFeeBps: bigint;
  /** The market's cash: the largest flash loan. */
  cash: bigint;
}

export interface PlanContext {
  /** Pools (collateral in, base out) by poolKey, pessimistic (see pessimisticPool). Updated in place: no. */
  pools: ReadonlyMap<string, PoolSide>;
  /** Markets by lower-case address. */
  markets: ReadonlyMap<string, PlanMarket>;
  gas: GasModel;
  /** Gas cap of one transaction (a fraction of the block gas limit, so several share a block: txGasCapFor). */
  txGasCap: bigint;
  /**
   * When given, transactions are also fitted to the blocks they will fill, in order: a block holds `available` gas,
   * counts each transaction at `usedRatioBps` of its limit, and the last transaction of a block is cut to the room
   * left (a block takes a transaction only if the gas used before it plus its whole limit fit).
   */
  block?: { available: bigint; usedRatioBps: bigint };
  /** KeelLiquidator's on-chain loss bound (bps of the repayment); 0: no fallback. */
  maxLossBps: bigint;
  /** What the keeper can pay for fallback losses, by lower-case base asset. */
  lossBudget: ReadonlyMap<string, bigint>;
}

export interface Deferred {
  candidate: Candidate;
  reason: "loses-at-pool" | "no-pool" | "no-cash";
}

export interface Plan {
  txs: PlannedTx[];
  deferred: Deferred[];
  /** The pools once every planned sale has gone through (what the next plan would start from). */
  pools: Map<string, PoolSide>;
}

/** A batch of `vaults` priced against `pool`: what the sale pays, the flash fee, the result, the pool left. */
export function priceBatch(vaults: readonly Candidate[], pool: PoolSide, flashFeeBps: bigint) {
  let loan = 0n;
  let repay = 0n;
  let seized = 0n;
  for (const v of vaults) {
    loan += v.maxRepay;
    repay += v.repay;
    seized += v.seized;
  }
  const sale = sellInto(pool, seized);
  const fee = flashFee(loan, flashFeeBps);
  return { loan, repay, seized, fee, proceeds: sale.amountOut, result: batchResult(sale.amountOut, repay, fee), pool: sale.pool };
}

/**
 * Stage "plan": orders the candidates (by market and collateral; inside each, the smallest discount first, so the
 * vaults that need the best price sell into the pool before the others move it), cuts them into batches that fit
 * `txGasCap`, prices each batch against the pool the batches before it leave, and gives each its bounds:
 * - a batch that pays: minProfit 0, maxLoss 0;
 * - a batch that loses at most KeelLiquidator's bound (maxLossBps of its repayment) and the keeper's budget: the
 *   fallback, maxLoss = that bound;
 * - otherwise the vaults that lose at the batch's price are deferred (the arbitrageur restores the pool for a later
 *   block) and the rest is priced again.
 */
export function planBatches(candidates: readonly Candidate[], ctx: PlanContext): Plan {
  const pools = new Map(ctx.pools);
  const budget = new Map(ctx.lossBudget);
  const deferred: Deferred[] = [];
  const groups = new Map<string, Candidate[]>();
  // First liquidations before follow-ups (a follow-up must run after the liquidation it follows); among the first
  // ones, the clean before the suspects (the keeper sends a clean transaction without waiting for a simulation).
  const rank = (c: Candidate) => (c.followUp ? 2 : c.suspect ? 1 : 0);
  const ordered = [0, 1, 2].flatMap((r) => candidates.filter((c) => rank(c) === r));
  for (const c of ordered) {
    const k = `${rank(c)}:${c.market.toLowerCase()}:${c.collateral.toLowerCase()}`;
    const g = groups.get(k) ?? [];
    g.push(c);
    groups.set(k, g);
  }
  const txs: PlannedTx[] = [];
  let tx: PlannedTx = { batches: [], gas: ctx.gas.perTx };
  /** Gas the transactions planned into the current block are expected to use (ctx.block). */
  let blockUsed = 0n;
  const cap = () => {
    if (!ctx.block) return ctx.txGasCap;
    const left = ctx.block.available - blockUsed;
    return left < ctx.txGasCap ? left : ctx.txGasCap;
  };
  const close = () => {
    if (tx.batches.length) {
      txs.push(tx);
      if (ctx.block) blockUsed += (tx.gas * ctx.block.usedRatioBps) / 10_000n;
    }
    tx = { batches: [], gas: ctx.gas.perTx };
  };
  for (const group of groups.values()) {
    // Follow-ups in transactions of their own: one that reverts takes no first liquidation with it.
    if (group[0]!.followUp && tx.batches.some((b) => !b.vaults[0]!.followUp)) close();
    const m = ctx.markets.get(group[0]!.market.toLowerCase());
    const key = m && poolKey(m.base, group[0]!.collateral);
    if (!m || !key || !pools.has(key)) {
      deferred.push(...group.map((candidate) => ({ candidate, reason: "no-pool" as const })));
      continue;
    }
    const queue = [...group].sort((a, b) => (a.discount === b.discount ? 0 : a.discount < b.discount ? -1 : 1));
    while (queue.length) {
      // A block's last few hundred thousand gas hold too few liquidations to pay a loan and a swap: next block.
      if (!tx.batches.length && blockUsed > 0n && cap() < ctx.gas.perTx + ctx.gas.perBatch + 4n * ctx.gas.perVault) {
        blockUsed = 0n;
        continue;
      }
      const room = cap() - tx.gas - ctx.gas.perBatch;
      if (room < vaultGas(queue[0]!, ctx.gas)) {
        if (tx.batches.length) close();
        else if (blockUsed > 0n)
          blockUsed = 0n; // the block is full: the next transaction opens the next one
        else throw new Error(`txGasCap ${ctx.txGasCap} holds no liquidation`);
        continue;
      }
      // The chunk: as many as fit the transaction and the market's cash.
      let chunk: Candidate[] = [];
      let loan = 0n;
      let gas = 0n;
      while (queue.length && gas + vaultGas(queue[0]!, ctx.gas) <= room && loan + queue[0]!.maxRepay <= m.cash) {
        loan += queue[0]!.maxRepay;
        gas += vaultGas(queue[0]!, ctx.gas);
        chunk.push(queue.shift()!);
      }
      if (!chunk.length) {
        deferred.push({ candidate: queue.shift()!, reason: "no-cash" });
        continue;
      }
      const pool = pools.get(key)!;
      const baseKey = m.base.toLowerCase();
      for (;;) {
        const p = priceBatch(chunk, pool, m.flashFeeBps);
        let maxLoss = 0n;
        const bound = lossBound(p.repay, ctx.maxLossBps);
        if (p.result < bound) {
          // A loss, or a profit thinner than the loss bound (a vault liquidated again for a few blocks' interest, a
          // pool a trade away from break-even): sent with the bounded loss, so a small move between the plan and the
          // block does not revert it (a revert costs its gas and a block).
          const left = budget.get(baseKey) ?? 0n;
          maxLoss = bound < left ? bound : left;
          if (p.result < 0n && -p.result > maxLoss) {
            // Too costly: defer the vaults that lose at this batch's average price, keep the rest.
            const losing = chunk.filter((v) => v.seized * p.proceeds < (v.repay + flashFee(v.maxRepay, m.flashFeeBps)) * p.seized);
            const kept = chunk.filter((v) => !losing.includes(v));
            deferred.push(...(losing.length ? losing : chunk).map((candidate) => ({ candidate, reason: "loses-at-pool" as const })));
            chunk = losing.length ? kept : [];
            if (!chunk.length) break;
            continue;
          }
          budget.set(baseKey, left - maxLoss);
        }
        pools.set(key, p.pool);
        tx.batches.push({ market: chunk[0]!.market, base: m.base, collateral: chunk[0]!.collateral, vaults: chunk, ...p, minProfit: 0n, maxLoss });
        tx.gas += ctx.gas.perBatch + chunk.reduce((g, v) => g + vaultGas(v, ctx.gas), 0n);
        break;
      }
    }
  }
  close();
  return { txs, deferred, pools };
}

/** The arguments of KeelLiquidator.liquidate for one planned transaction. */
export function liquidatorArgs(tx: PlannedTx) {
  return [
    tx.batches.map((b) => ({
      market: b.market,
      collateral: b.collateral,
      vaults: b.vaults.map((v) => ({ id: v.id, maxRepay: v.maxRepay })),
      minProfit: b.minProfit,
      maxLoss: b.maxLoss,
    })),
  ] as const;
}

/** The model's gas of a transaction of `batches`. */
export const txGasOf = (batches: readonly PlannedBatch[], gas: GasModel) =>
  batches.reduce((g, b) => g + gas.perBatch + b.vaults.reduce((n, v) => n + vaultGas(v, gas), 0n), gas.perTx);

/**
 * A transaction's batches split in two halves by vaults (to isolate a vault whose liquidation reverts); with `gas`,
 * each half's gas is the model's for it (else the whole's).
 */
export function splitTx(tx: PlannedTx, gas?: GasModel): [PlannedTx, PlannedTx] | null {
  const vaults = tx.batches.flatMap((b) => b.vaults.map((v) => ({ b, v })));
  if (vaults.length < 2) return null;
  const half = Math.ceil(vaults.length / 2);
  return [regroup(vaults.slice(0, half), tx.gas, gas), regroup(vaults.slice(half), tx.gas, gas)];
}

/**
 * One transaction of the parts of a split one that passed the simulation (the vault that reverted left out): one
 * loan and one swap per run of a market and collateral again, instead of one per part.
 */
export function mergeTxs(parts: readonly PlannedTx[], gas: GasModel): PlannedTx {
  return regroup(
    parts.flatMap((t) => t.batches.flatMap((b) => b.vaults.map((v) => ({ b, v })))),
    0n,
    gas,
  );
}

function regroup(part: readonly { b: PlannedBatch; v: Candidate }[], fallbackGas: bigint, gas?: GasModel): PlannedTx {
  const batches: PlannedBatch[] = [];
  for (const { b, v } of part) {
    const last = batches.at(-1);
    if (last && last.market === b.market && last.collateral === b.collateral && last.maxLoss === b.maxLoss && last.vaults[0]!.followUp === v.followUp)
      last.vaults.push(v);
    else batches.push({ ...b, vaults: [v] });
  }
  return { batches, gas: gas ? txGasOf(batches, gas) : fallbackGas };
}
