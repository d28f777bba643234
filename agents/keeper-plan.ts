/**
 * The keeper's pure stages (no I/O): size each liquidatable vault, then plan transactions — batches of one market and
 * one collateral (one flash loan and one swap each), priced one after the other against the pool as the batches before
 * them leave it, packed up to a gas cap per transaction, with the fallback (a small loss, bounded on-chain by
 * KeelLiquidator) for the vaults that do not pay at that pool. agents/keeper.ts runs them on the chain.
 */
import type { Address } from "viem";
import { alignedPool, sellInto, type PoolSide } from "../lib/amm";
import { batchResult, flashAmountFor, flashFee, liquidationSize, lossBound } from "../lib/liquidation";
import { WAD, valueDown } from "../lib/risk";
import type { LensMarket, LensVault } from "../lib/vaults";

/** One vault's liquidation as planned. */
export interface Candidate {
  market: Address;
  id: bigint;
  collateral: Address;
  /** What the market is expected to take (lib/liquidation.ts) and what it is offered at most (the headroom). */
  repay: bigint;
  maxRepay: bigint;
  /** Collateral units expected to be seized, and the discount (WAD). */
  seized: bigint;
  discount: bigint;
  /** Collaterals the vault holds: each one more costs the market's health check a feed read. */
  assets: number;
  /** A further liquidation of a vault already in the plan (planned after every first one). */
  followUp: boolean;
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
      const info = m.collaterals.find((x) => x.info.asset.toLowerCase() === col.asset.toLowerCase())?.info;
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
            maxDiscount: m.collaterals.find((x) => x.info.asset.toLowerCase() === o.asset.toLowerCase())?.info.maxDiscount ?? 0n,
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
      maxRepay: followUp ? v.debt : flashAmountFor(size, v.debt, REPAY_HEADROOM_BPS),
      seized: size.seized,
      discount: size.discount,
      assets,
      followUp,
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
      healthFactor: debtValue > 0n ? (liquidationValue * WAD) / debtValue : 2n ** 256n - 1n,
    };
  }
  return out;
}

const wMulDown = (x: bigint, y: bigint) => (x * y) / WAD;

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
}

/**
 * Above what the forge gas test (contracts/test/periphery/KeelLiquidator.t.sol: ~43k a further liquidation, cold;
 * ~311k a batch of one) and `npm run bench:keeper` (~41-44k used in a batch of 185-206) measure. A receipt shows gas
 * after refunds (a balance seized whole refunds 4,800), while the limit must cover the gas before them: 50k leaves
 * that room. The keeper raises it if a receipt shows more; the simulation runs with the resulting limit, so a short
 * model is caught and retried higher.
 */
export const DEFAULT_GAS_MODEL: GasModel = { perTx: 60_000n, perBatch: 260_000n, perVault: 50_000n, perExtraCollateral: 30_000n };

/** The model's gas for one liquidation of `c`. */
export const vaultGas = (c: Candidate, gas: GasModel) => gas.perVault + gas.perExtraCollateral * BigInt(Math.max(0, c.assets - 1));

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
  /** Gas cap of one transaction (a fraction of the block gas limit, so several share a block). */
  txGasCap: bigint;
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
  // First liquidations before follow-ups: a follow-up must run after the liquidation it follows.
  const ordered = [...candidates.filter((c) => !c.followUp), ...candidates.filter((c) => c.followUp)];
  for (const c of ordered) {
    const k = `${c.followUp ? "f" : "p"}:${c.market.toLowerCase()}:${c.collateral.toLowerCase()}`;
    const g = groups.get(k) ?? [];
    g.push(c);
    groups.set(k, g);
  }
  const txs: PlannedTx[] = [];
  let tx: PlannedTx = { batches: [], gas: ctx.gas.perTx };
  const close = () => {
    if (tx.batches.length) txs.push(tx);
    tx = { batches: [], gas: ctx.gas.perTx };
  };
  for (const group of groups.values()) {
    const m = ctx.markets.get(group[0]!.market.toLowerCase());
    const key = m && poolKey(m.base, group[0]!.collateral);
    if (!m || !key || !pools.has(key)) {
      deferred.push(...group.map((candidate) => ({ candidate, reason: "no-pool" as const })));
      continue;
    }
    const queue = [...group].sort((a, b) => (a.discount === b.discount ? 0 : a.discount < b.discount ? -1 : 1));
    while (queue.length) {
      const room = ctx.txGasCap - tx.gas - ctx.gas.perBatch;
      if (room < vaultGas(queue[0]!, ctx.gas)) {
        if (!tx.batches.length) throw new Error(`txGasCap ${ctx.txGasCap} holds no liquidation`);
        close();
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
        if (p.result < 0n) {
          const bound = lossBound(p.repay, ctx.maxLossBps);
          const left = budget.get(baseKey) ?? 0n;
          maxLoss = bound < left ? bound : left;
          if (-p.result > maxLoss) {
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

/** A transaction's batches split in two halves by vaults (to isolate a vault whose liquidation reverts). */
export function splitTx(tx: PlannedTx): [PlannedTx, PlannedTx] | null {
  const vaults = tx.batches.flatMap((b) => b.vaults.map((v) => ({ b, v })));
  if (vaults.length < 2) return null;
  const half = Math.ceil(vaults.length / 2);
  const build = (part: typeof vaults): PlannedTx => {
    const batches: PlannedBatch[] = [];
    for (const { b, v } of part) {
      const last = batches.at(-1);
      if (
        last &&
        last.market === b.market &&
        last.collateral === b.collateral &&
        last.maxLoss === b.maxLoss &&
        last.vaults[0]!.followUp === v.followUp
      )
        last.vaults.push(v);
      else batches.push({ ...b, vaults: [v] });
    }
    return { batches, gas: tx.gas };
  };
  return [build(vaults.slice(0, half)), build(vaults.slice(half))];
}
