import { formatterFor } from "../view/format";
/**
 * Predicted liquidation odds: the probability that a vault's health factor falls to 1 within a horizon, under a
 * lognormal price model, and the collateral to add to bring that probability under a chosen level.
 *
 * Model (stated on the risk page and in the README):
 * - Each price follows a driftless geometric Brownian motion (no expected return) with its feed's realised volatility
 *   (lib/analytics/volatility.ts), so log-prices drift at −σ²/2.
 * - A single-asset vault (with a stable debt asset) is then exact: HF moves with the collateral's price, and the odds
 *   are the first-passage probability of a Brownian motion with drift to the barrier ln(1 / HF) (reflection formula).
 * - A vault with several collaterals, or whose debt asset is volatile too, is treated conservatively: its HF is taken
 *   as one lognormal process with volatility Σ wᵢσᵢ + σ_debt, wᵢ the collaterals' shares of the liquidation value —
 *   the largest volatility those assets can give it (collaterals perfectly correlated with each other and perfectly
 *   anti-correlated with the debt asset). Real correlations are lower, so the odds shown are an upper bound under the
 *   model.
 * - A position with several debt assets (an Aave account) is the same cross-margin bound seen from the debt side:
 *   HF = Σ Lᵢ·Pᵢ / Σ Dⱼ·Qⱼ, so d ln HF = Σ wᵢ d ln Pᵢ − Σ uⱼ d ln Qⱼ with uⱼ each debt's share of the debt value, and
 *   its volatility is at most Σ wᵢσᵢ + Σ uⱼσⱼ (debts perfectly correlated with each other and anti-correlated with
 *   the collaterals): `debtSide` folds the debts into that σ_debt = Σ uⱼσⱼ. Every collateral's and every debt's price
 *   moves count; one debt asset is the case uⱼ = 1.
 * - Prices are monitored continuously; liquidation discounts, interest accrual (a few basis points over days) and
 *   oracle heartbeats are ignored.
 */
import { parseUnits } from "viem";
import { wadToNumber } from "../engine/math";
import { SECONDS_PER_DAY, SECONDS_PER_YEAR } from "./volatility";

const SQRT2 = Math.SQRT2;

/** ln(erfc(z)) for z ≥ 0 (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7 everywhere). */
function logErfcPositive(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - z * z + poly;
}

/** Standard normal CDF. */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const z = -x / SQRT2;
  return z >= 0 ? 0.5 * Math.exp(logErfcPositive(z)) : 1 - 0.5 * Math.exp(logErfcPositive(-z));
}

/** ln Φ(x), accurate far in the lower tail (where Φ underflows). */
export function logNormalCdf(x: number): number {
  const z = -x / SQRT2;
  return z >= 0 ? Math.log(0.5) + logErfcPositive(z) : Math.log1p(-0.5 * Math.exp(logErfcPositive(-z)));
}

/**
 * Probability that X_t = ν·t + σ·W_t (X_0 = 0) reaches −`distance` (distance ≥ 0) by time `t`:
 * Φ((−b − νt)/(σ√t)) + e^(−2νb/σ²)·Φ((−b + νt)/(σ√t)). Units of σ, ν and t must agree.
 */
export function firstPassageProbability(distance: number, sigma: number, t: number, drift: number): number {
  if (!(distance > 0)) return 1;
  // σ² underflowing (a denormal σ) is no volatility: the reflection term would be 0/0.
  if (!(sigma * sigma > 0) || !(t > 0)) return 0;
  const s = sigma * Math.sqrt(t);
  const a = normalCdf((-distance - drift * t) / s);
  const logB = (-2 * drift * distance) / (sigma * sigma) + logNormalCdf((-distance + drift * t) / s);
  const p = a + Math.exp(logB);
  return Math.min(1, Math.max(0, p));
}

/** One collateral of a vault for the odds: its USD value now, liquidation threshold and annual volatility. */
export interface OddsCollateral {
  value: number;
  liquidationThreshold: number;
  sigma: number;
}

/**
 * A vault for the odds: collaterals, debt value (USD) and the debt side's annual volatility — the debt asset's, or for
 * several debt assets Σ uⱼσⱼ (`debtSide`).
 */
export interface OddsVault {
  collaterals: OddsCollateral[];
  debtValue: number;
  baseSigma: number;
}

/** One borrowed asset of a position for the odds: its USD value now and annual volatility. */
export interface OddsDebt {
  value: number;
  sigma: number;
}

/**
 * The debt side of a position with one or several borrowed assets: the total value, and the volatility Σ uⱼσⱼ
 * (uⱼ = valueⱼ / Σ value) — the largest the debt's value can have whatever the debts' correlations (see the module
 * comment). No debt: value 0 and σ 0.
 */
export function debtSide(debts: readonly OddsDebt[]): { debtValue: number; baseSigma: number } {
  const debtValue = debts.reduce((s, d) => s + d.value, 0);
  if (!(debtValue > 0)) return { debtValue: 0, baseSigma: 0 };
  return { debtValue, baseSigma: debts.reduce((s, d) => s + (d.value / debtValue) * d.sigma, 0) };
}

/** The vault's liquidation value (Σ value × LT) and health factor (Infinity without debt). */
export function oddsHealth(v: OddsVault): { liquidationValue: number; healthFactor: number } {
  const liquidationValue = v.collaterals.reduce((s, c) => s + c.value * c.liquidationThreshold, 0);
  return { liquidationValue, healthFactor: v.debtValue > 0 ? liquidationValue / v.debtValue : Infinity };
}

/** Annual volatility of the vault's health factor: Σ wᵢσᵢ + σ_debt (conservative; see the module comment). */
export function vaultSigma(v: OddsVault): number {
  const { liquidationValue } = oddsHealth(v);
  let s = v.baseSigma;
  if (liquidationValue > 0) for (const c of v.collaterals) s += ((c.value * c.liquidationThreshold) / liquidationValue) * c.sigma;
  return s;
}

/** Probability that the vault becomes liquidatable (HF < 1) within `days` days: 1 if it already is, 0 without debt. */
export function liquidationOdds(v: OddsVault, days: number): number {
  const { healthFactor } = oddsHealth(v);
  if (healthFactor === Infinity) return 0;
  if (!(healthFactor > 1)) return 1;
  const sigma = vaultSigma(v);
  // Driftless prices: ln HF drifts at −σ²/2 per year.
  return firstPassageProbability(Math.log(healthFactor), sigma, (days * SECONDS_PER_DAY) / SECONDS_PER_YEAR, (-sigma * sigma) / 2);
}

/**
 * USD value of collateral `index` to add so the odds within `days` are at most `target` (0 < target < 1); 0 when they
 * already are. Bisection on the amount, re-weighting the vault's volatility as the asset's share grows.
 */
export function collateralToReachOdds(v: OddsVault, index: number, target: number, days: number): number {
  if (!(target > 0 && target < 1)) throw new RangeError(`target must be between 0 and 1, got ${target}`);
  const c = v.collaterals[index];
  if (!c || !(c.liquidationThreshold > 0)) throw new RangeError(`collateral ${index} cannot back debt`);
  const odds = (added: number) =>
    liquidationOdds({ ...v, collaterals: v.collaterals.map((x, i) => (i === index ? { ...x, value: x.value + added } : x)) }, days);
  if (odds(0) <= target) return 0;
  let hi = Math.max(v.debtValue, 1);
  for (let i = 0; i < 200 && odds(hi) > target; i++) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 80 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (odds(mid) <= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Annual volatility per asset address (lower-case); null when the feed's history is too short to say. */
export type AssetVolatilities = Record<string, number | null>;

const sigmaOf = (vols: AssetVolatilities, asset: string) => vols[asset.toLowerCase()];

/**
 * A lens vault (KeelLens.getVault / getAccount) or any protocol's position for the odds; null when a price or a
 * volatility it needs is unknown. Values are USD WAD (a Keel vault's from the lens, the engine's own). `debts`: every
 * borrowed asset with its USD value, when there may be several (an Aave account); without it the one debt is
 * `debtValue` of `baseAsset`.
 */
export function oddsVaultFromLens(
  vault: {
    /** A health figure can be given (OddsInput.pricesOk). */
    pricesOk: boolean;
    debtValue: bigint;
    baseAsset: string;
    debts?: readonly { asset: string; value: bigint }[];
    collaterals: readonly { asset: string; amount: bigint; value: bigint; liquidationThreshold: bigint }[];
  },
  vols: AssetVolatilities,
): OddsVault | null {
  if (!vault.pricesOk) return null;
  let baseSigma: number | null | undefined = vault.debtValue > 0n ? sigmaOf(vols, vault.baseAsset) : 0;
  if (vault.debts && vault.debtValue > 0n) {
    const debts: OddsDebt[] = [];
    for (const d of vault.debts) {
      if (d.value === 0n) continue;
      const sigma = sigmaOf(vols, d.asset);
      if (sigma == null) return null;
      debts.push({ value: wadToNumber(d.value), sigma });
    }
    baseSigma = debtSide(debts).baseSigma;
  }
  if (baseSigma == null) return null;
  const collaterals: OddsCollateral[] = [];
  for (const c of vault.collaterals) {
    // Not held, or worth nothing (a collateral without a price counts as zero, as the market counts it): no risk to model.
    if (c.amount === 0n || c.value === 0n) continue;
    const sigma = sigmaOf(vols, c.asset);
    if (sigma == null) return null;
    collaterals.push({ value: wadToNumber(c.value), liquidationThreshold: wadToNumber(c.liquidationThreshold), sigma });
  }
  return { collaterals, debtValue: wadToNumber(vault.debtValue), baseSigma };
}

/** Common choices of "bring my odds under X %" (7 days). */
export const ODDS_TARGETS = [0.01, 0.05, 0.1] as const;

/** A probability as text: `2.4%`, `< 0.1%`, `> 99.9%` (English; components use useFormat().odds). */
export const formatOdds = formatterFor("en").odds;

/** Token units (rounded up at 6 decimals) worth `usd` at `priceWad`: the collateral to add that the odds name. */
export function unitsForUsd(usd: number, priceWad: bigint, decimals: number): bigint {
  const units = usd / wadToNumber(priceWad);
  const places = Math.min(decimals, 6);
  return parseUnits((Math.ceil(units * 10 ** places) / 10 ** places).toFixed(places), decimals);
}

/**
 * What the odds need of a position (a Keel LensVault has it; lib/protocols/view.ts oddsInputOf builds it for Aave and
 * Morpho). USD values and prices WAD.
 */
export interface OddsInput {
  debt: bigint;
  debtValue: bigint;
  /**
   * A health figure can be given (lib/view/vault-summary.ts healthShown: the debt priced and something priced backing
   * it); a collateral without a price is then worth 0 here and left out, as the market counts it.
   */
  pricesOk: boolean;
  liquidatable: boolean;
  /** The borrowed asset (a Keel vault's base asset; with several debts, the largest: the one named when volatility is missing). */
  baseAsset: `0x${string}`;
  /** Every borrowed asset with its USD value (WAD), when there may be several (an Aave account): each one's price moves count. */
  debts?: readonly { asset: `0x${string}`; value: bigint }[];
  collaterals: readonly { asset: `0x${string}`; amount: bigint; value: bigint; price: bigint; decimals: number; liquidationThreshold: bigint }[];
}
