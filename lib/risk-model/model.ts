/**
 * Keel's risk model: per collateral, the LTV, liquidation threshold (LT) and maximum discount to recommend from the
 * collateral's EWMA volatility (lib/analytics/volatility.ts), the time a liquidation takes (inputs.ts) and the cost of selling
 * into the pool liquidators use (inputs.ts). Method (docs/risk-model.md):
 *
 * - Prices follow a driftless geometric Brownian motion with the EWMA volatility σ (as lib/analytics/liquidation-odds.ts).
 * - A liquidator acts once the engine's discount, clamp(1 − HF, 1 %, maxDiscount) capped at the vault's margin, covers
 *   its cost c (pool cost of the sale + `liquidatorMargin` for gas and profit), i.e. discount ≥ c' = c ÷ (1 − c).
 *   A position at the threshold (HF = 1, debt = LT × collateral) whose price ratio x falls becomes worth liquidating at
 *   x_in = 1 − c' (x_in = 1 when c' ≤ 1 %), and stops being worth it once its margin x ÷ LT − 1 < c', i.e. below
 *   x_out = LT × (1 + c'): past that it ends as bad debt.
 * - The horizon τ is the measured liquidation time, but never less than `minHorizonSeconds` (one day): in a stressed
 *   market liquidations do not clear at the keeper's best speed (gas spikes, oracle or sequencer outages, pools
 *   drained on every venue at once), and a lognormal model over minutes would ignore the jumps that cause bad debt.
 * - The odds that the price goes from x_in to x_out within τ are the first-passage probability of
 *   ln x over distance ln(x_in ÷ x_out) (lib/analytics/liquidation-odds.ts `firstPassageProbability`). The recommended LT is the
 *   highest on a `granularity` grid whose odds are at most `insolvencyTarget` and that respects RiskBoundsLib with the
 *   recommended discount (bounds.ts).
 * - The recommended maximum discount is c' rounded up to the grid, at least 1 %, at most 25 %.
 * - The recommended LTV is the highest on the grid below LT at which a single-collateral vault borrowing its maximum
 *   has at most `ltvOddsTarget` odds of becoming liquidatable within `ltvHorizonSeconds` (lib/analytics/liquidation-odds.ts
 *   `liquidationOdds`).
 */
import { firstPassageProbability, liquidationOdds } from "../analytics/liquidation-odds";
import { SECONDS_PER_DAY, SECONDS_PER_YEAR } from "../analytics/volatility";
import { MAX_DISCOUNT, MAX_LT, validCollateral } from "./bounds";
import { MIN_DISCOUNT } from "../engine/health";
import { wadToNumber } from "../engine/math";

export interface ModelInputs {
  /** Annualised EWMA volatility of the collateral's price in the debt asset (0.8 = 80 %). */
  sigma: number;
  /** Seconds from a price crossing the threshold to the liquidation clearing (inputs.ts `liquidationSeconds`). */
  liquidationSeconds: number;
  /** Cost of selling the market's largest positions into the pool, fee included (inputs.ts `liquidationImpact`). */
  priceImpact: number;
}

export interface ModelPolicy {
  /** Highest accepted odds that a position at the threshold ends insolvent before it is liquidated. */
  insolvencyTarget: number;
  /** Shortest horizon the odds are computed over, whatever the measured liquidation time (seconds). */
  minHorizonSeconds: number;
  /** Liquidator's gas and profit on top of the pool's cost, as a fraction of what it repays. */
  liquidatorMargin: number;
  /** A vault at maximum LTV may become liquidatable within this horizon with at most `ltvOddsTarget` odds. */
  ltvHorizonSeconds: number;
  ltvOddsTarget: number;
  /** Grid of recommended values (0.005 = half a point). */
  granularity: number;
}

/** The policy Keel's steward uses (stated in docs/risk-model.md). */
export const DEFAULT_POLICY: ModelPolicy = {
  insolvencyTarget: 0.001,
  minHorizonSeconds: SECONDS_PER_DAY,
  liquidatorMargin: 0.005,
  ltvHorizonSeconds: SECONDS_PER_DAY,
  ltvOddsTarget: 0.01,
  granularity: 0.005,
};

export interface Recommendation {
  /** WAD ratios, on the policy's grid, valid under RiskBoundsLib. */
  ltv: bigint;
  liquidationThreshold: bigint;
  maxDiscount: bigint;
  /** Odds (under the model) that a position at the recommended LT ends insolvent before it is liquidated. */
  insolvencyOdds: number;
  /** The discount a liquidator needs, c' (fraction). */
  requiredDiscount: number;
  inputs: ModelInputs;
}

const toWad = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n;

/** The discount a liquidator needs: c ÷ (1 − c) with c = pool cost + margin (1 when the pool cannot absorb the sale). */
export function requiredDiscount(priceImpact: number, liquidatorMargin: number): number {
  const c = priceImpact + liquidatorMargin;
  return c >= 1 ? Infinity : c / (1 - c);
}

/** The horizon the odds use: the measured liquidation time, at least the policy's minimum (seconds). */
export function horizonSeconds(inputs: Pick<ModelInputs, "liquidationSeconds">, policy: ModelPolicy = DEFAULT_POLICY): number {
  return Math.max(inputs.liquidationSeconds, policy.minHorizonSeconds);
}

/** Odds (under the model) that a position at threshold `lt` ends insolvent before it is liquidated. */
export function insolvencyOdds(lt: number, inputs: ModelInputs, policy: ModelPolicy = DEFAULT_POLICY): number {
  const need = requiredDiscount(inputs.priceImpact, policy.liquidatorMargin);
  if (!Number.isFinite(need)) return 1;
  const xIn = need <= wadToNumber(MIN_DISCOUNT) ? 1 : 1 - need;
  const xOut = lt * (1 + need);
  if (!(xIn > xOut)) return 1;
  const sigma = Math.max(inputs.sigma, 0);
  return firstPassageProbability(Math.log(xIn / xOut), sigma, horizonSeconds(inputs, policy) / SECONDS_PER_YEAR, (-sigma * sigma) / 2);
}

/**
 * The recommendation for one collateral, or null when no LT on the grid meets the target (the pool is too shallow for
 * any discount up to 25 %, or the volatility too high): the collateral should not back debt.
 */
export function recommend(inputs: ModelInputs, policy: ModelPolicy = DEFAULT_POLICY): Recommendation | null {
  if (!(inputs.sigma >= 0) || !(inputs.liquidationSeconds >= 0) || !(inputs.priceImpact >= 0)) {
    throw new RangeError(`model inputs must be non-negative numbers: ${JSON.stringify(inputs)}`);
  }
  const g = policy.granularity;
  const need = requiredDiscount(inputs.priceImpact, policy.liquidatorMargin);
  const discountSteps = Math.max(Math.ceil(need / g - 1e-9), Math.round(wadToNumber(MIN_DISCOUNT) / g));
  const maxDiscount = toWad(discountSteps * g);
  if (!Number.isFinite(need) || maxDiscount > MAX_DISCOUNT) return null;
  const ltSteps = Math.floor(wadToNumber(MAX_LT) / g + 1e-9);
  for (let k = ltSteps; k >= 2; k--) {
    const lt = k * g;
    const ltWad = toWad(lt);
    const odds = insolvencyOdds(lt, inputs, policy);
    if (odds > policy.insolvencyTarget) continue;
    if (!validCollateral({ ltv: 0n, liquidationThreshold: ltWad, maxDiscount })) continue;
    // Highest LTV below LT whose 1-horizon odds of liquidation at maximum borrowing stay within the target.
    const days = policy.ltvHorizonSeconds / SECONDS_PER_DAY;
    for (let j = k - 1; j >= 1; j--) {
      const ltv = j * g;
      const odds1 = liquidationOdds(
        { collaterals: [{ value: 1, liquidationThreshold: lt, sigma: inputs.sigma }], debtValue: ltv, baseSigma: 0 },
        days,
      );
      if (odds1 <= policy.ltvOddsTarget) {
        return { ltv: toWad(ltv), liquidationThreshold: ltWad, maxDiscount, insolvencyOdds: odds, requiredDiscount: need, inputs };
      }
    }
    return null;
  }
  return null;
}
