/**
 * A deterministic replay of one market's collateral through a price path, with fixed parameters or with the steward,
 * using the engine's own math from lib: health and borrow limits (lib/engine/risk.ts), liquidation sizing (lib/engine/liquidation.ts),
 * the pool liquidators sell into (lib/engine/amm.ts), EWMA volatility (lib/analytics/volatility.ts), the model (model.ts) and the
 * steward's rules (steward.ts, mirroring KeelRiskSteward). Method, per price step:
 *
 * 1. The feed moves to the step's price; an arbitrageur aligns the pool to it.
 * 2. The steward (if any) executes its pending change once its wait is over, or — at most once per `minInterval`
 *    since its last action, and with none pending — proposes the next step toward the model's recommendation
 *    (EWMA volatility of the path so far, the clearing time, the pool cost of selling the three largest positions).
 * 3. Once a day, every borrower tops its debt back up to its own share of the borrow limit (capital is used).
 * 4. The keeper liquidates every vault with HF < 1 at this price, as the engine would size it, when selling the seized
 *    collateral into the pool repays the debt it takes (no loss); a vault left with debt and no collateral is written
 *    off (bad debt).
 * At the end, debt above the collateral's value in vaults still open counts as bad debt too (not yet realised).
 */
import { getAmountOut, alignedPool, sellInto, type PoolSide } from "../engine/amm";
import { liquidationSize } from "../engine/liquidation";
import { vaultRisk, type VaultPosition } from "../engine/risk";
import { WAD } from "../engine/math";
import { ewmaVolatility, type PricePoint } from "../analytics/volatility";
import { DEFAULT_POLICY, recommend, type ModelPolicy } from "./model";
import { liquidationImpact } from "./inputs";
import { DEFAULT_STEWARD_RULES, nextStep, type StewardRules } from "./steward";
import type { CollateralRatios } from "./bounds";

/** KeelRiskAdmin.SAFER_DELAY and the local risk delay (seconds). */
export const SAFER_DELAY_SECONDS = 6 * 3600;
export const RISK_DELAY_SECONDS = 86_400;

const COLLATERAL = "0x00000000000000000000000000000000000000c0" as const;
const COLLATERAL_DECIMALS = 18;
const BASE_DECIMALS = 6;
const BASE_PRICE = WAD;

export interface BacktestVault {
  /** Collateral units (18 decimals). */
  amount: bigint;
  /** Base units (6 decimals). */
  debt: bigint;
  /** Share of the borrow limit the borrower tops up to each day (0–1). */
  usage: number;
}

export interface BacktestMarket {
  /** Collateral price in USD per whole token at each step. */
  prices: readonly number[];
  stepSeconds: number;
  params: CollateralRatios;
  vaults: readonly BacktestVault[];
  /** The pool at the first price (collateral in, base out). */
  pool: PoolSide;
  /** Seconds a liquidation takes (model input: inputs.ts `liquidationSeconds`). */
  liquidationSeconds: number;
}

export interface StewardSetup {
  rules?: StewardRules;
  policy?: ModelPolicy;
  halfLifeSeconds?: number;
}

export interface BacktestResult {
  /** USD: written off during the replay plus the shortfall of vaults still insolvent at the end. */
  badDebt: number;
  /** Vaults liquidated at least once. */
  liquidated: number;
  /** Time-average of Σ collateral value × LTV (USD) and of that over Σ collateral value. */
  avgBorrowCapacity: number;
  avgBorrowCapacityShare: number;
  /** Parameters at each step (for charts) and the steward's executed changes. */
  path: { t: number; price: number; ltv: number; lt: number; sigma: number | null }[];
  changes: { t: number; ltv: bigint; liquidationThreshold: bigint }[];
}

const toWad = (x: number) => BigInt(Math.round(x * 1e9)) * 10n ** 9n;
const num = (x: bigint, decimals = 18) => Number(x) / 10 ** decimals;

function position(v: { amount: bigint; debt: bigint }, price: bigint, p: CollateralRatios): VaultPosition {
  return {
    collaterals: [
      { asset: COLLATERAL, decimals: COLLATERAL_DECIMALS, amount: v.amount, price, ltv: p.ltv, liquidationThreshold: p.liquidationThreshold },
    ],
    debt: v.debt,
    baseDecimals: BASE_DECIMALS,
    basePrice: BASE_PRICE,
  };
}

/** Replays `market` with fixed parameters (`steward` null) or with the steward. Deterministic. */
export function replay(market: BacktestMarket, steward: StewardSetup | null): BacktestResult {
  const rules = steward?.rules ?? DEFAULT_STEWARD_RULES;
  const policy = steward?.policy ?? DEFAULT_POLICY;
  const vaults = market.vaults.map((v) => ({ ...v }));
  let params = { ...market.params };
  let pool = market.pool;
  let badDebt = 0;
  const liquidated = new Set<number>();
  let capacity = 0;
  let capacityShare = 0;
  const history: PricePoint[] = [];
  let pending: { at: number; ltv: bigint; liquidationThreshold: bigint } | null = null;
  let lastAction = -Infinity;
  const path: BacktestResult["path"] = [];
  const changes: BacktestResult["changes"] = [];

  for (const [k, p] of market.prices.entries()) {
    const t = k * market.stepSeconds;
    const price = toWad(p);
    // 1. The pool follows the feed (base units per collateral unit = price × 10^6 / 10^18 / WAD).
    pool = alignedPool(pool, price * 10n ** BigInt(BASE_DECIMALS), WAD * 10n ** BigInt(COLLATERAL_DECIMALS));
    history.push({ answer: p, updatedAt: t + 1 });
    // 2. The steward.
    let sigma: number | null = null;
    if (steward) {
      sigma = ewmaVolatility(history, { halfLifeSeconds: steward.halfLifeSeconds, bucketSeconds: Math.min(300, market.stepSeconds) })?.annual ?? null;
      if (pending && t >= pending.at) {
        params = { ...params, ltv: pending.ltv, liquidationThreshold: pending.liquidationThreshold };
        changes.push({ t, ltv: pending.ltv, liquidationThreshold: pending.liquidationThreshold });
        pending = null;
        lastAction = t;
      } else if (!pending && t >= lastAction + rules.minInterval && sigma !== null) {
        const priceImpact = liquidationImpact(
          pool,
          vaults.map((v) => v.amount),
        );
        const rec = recommend({ sigma, liquidationSeconds: market.liquidationSeconds, priceImpact }, policy);
        const step = rec && nextStep(params, rec, rules);
        if (step) {
          pending = {
            at: t + (step.safer ? SAFER_DELAY_SECONDS : RISK_DELAY_SECONDS),
            ltv: step.ltv,
            liquidationThreshold: step.liquidationThreshold,
          };
          lastAction = t;
        }
      }
    }
    // 3. Borrowers top up once a day.
    if (k % Math.max(1, Math.round(86_400 / market.stepSeconds)) === 0) {
      for (const v of vaults) {
        const r = vaultRisk(position(v, price, params));
        const want = BigInt(Math.floor(num(r.borrowLimitValue) * v.usage * 10 ** BASE_DECIMALS));
        if (want > v.debt && v.amount > 0n) v.debt = want;
      }
    }
    // 4. The keeper.
    for (const [i, v] of vaults.entries()) {
      for (let round = 0; round < 8; round++) {
        const r = vaultRisk(position(v, price, params));
        if (!r.liquidatable || v.debt === 0n) break;
        const size = liquidationSize({
          healthFactor: r.healthFactor,
          liquidationValue: r.liquidationValue,
          debtValue: r.debtValue,
          debt: v.debt,
          baseDecimals: BASE_DECIMALS,
          basePrice: BASE_PRICE,
          amount: v.amount,
          decimals: COLLATERAL_DECIMALS,
          price,
          liquidationThreshold: params.liquidationThreshold,
          maxDiscount: params.maxDiscount,
          collateralValue: r.collateralValue,
        });
        if (!size || size.seized === 0n) break;
        if (getAmountOut(size.seized, pool.reserveIn, pool.reserveOut) < size.repay) break; // not worth it
        pool = sellInto(pool, size.seized).pool;
        v.amount -= size.seized;
        v.debt -= size.repay;
        liquidated.add(i);
        if (v.amount === 0n && v.debt > 0n) {
          badDebt += num(v.debt, BASE_DECIMALS);
          v.debt = 0n;
        }
      }
    }
    let value = 0;
    let limit = 0;
    for (const v of vaults) {
      const r = vaultRisk(position(v, price, params));
      value += num(r.collateralValue);
      limit += num(r.borrowLimitValue);
    }
    capacity += limit;
    capacityShare += value > 0 ? limit / value : 0;
    path.push({ t, price: p, ltv: num(params.ltv), lt: num(params.liquidationThreshold), sigma });
  }
  const last = toWad(market.prices.at(-1) ?? 0);
  for (const v of vaults) {
    const r = vaultRisk(position(v, last, params));
    if (r.debtValue > r.collateralValue) badDebt += num(r.debtValue - r.collateralValue);
  }
  const n = Math.max(1, market.prices.length);
  return { badDebt, liquidated: liquidated.size, avgBorrowCapacity: capacity / n, avgBorrowCapacityShare: capacityShare / n, path, changes };
}
