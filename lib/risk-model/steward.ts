/**
 * The steward's next move toward a recommendation, mirroring KeelRiskSteward's rules: LTV and LT each move by at most
 * `maxStep` from their current values, the pair stays valid under RiskBoundsLib with the collateral's current maximum
 * discount (which the steward never changes), and moves smaller than `deadband` are not proposed (no churn).
 */
import { validCollateral, type CollateralRatios } from "./bounds";

export interface StewardRules {
  /** KeelRiskSteward.maxStep (WAD). */
  maxStep: bigint;
  /** KeelRiskSteward.minInterval (seconds). */
  minInterval: number;
  /** Smallest move worth proposing (WAD). */
  deadband: bigint;
}

/** The steward deployed by `npm run dev` (3 points, 3 days; moves under one point are not proposed: EWMA noise). */
export const DEFAULT_STEWARD_RULES: StewardRules = { maxStep: 3n * 10n ** 16n, minInterval: 3 * 86_400, deadband: 10n ** 16n };

const toward = (from: bigint, to: bigint, step: bigint) => (to > from + step ? from + step : to < from - step ? from - step : to);

/** The LTV and LT to propose now, or null when the recommendation is within the deadband or the move would be invalid. */
export function nextStep(
  current: CollateralRatios,
  target: { ltv: bigint; liquidationThreshold: bigint },
  rules: Pick<StewardRules, "maxStep" | "deadband"> = DEFAULT_STEWARD_RULES,
): { ltv: bigint; liquidationThreshold: bigint; safer: boolean } | null {
  const far = (a: bigint, b: bigint) => (a > b ? a - b : b - a) >= rules.deadband;
  if (!far(current.ltv, target.ltv) && !far(current.liquidationThreshold, target.liquidationThreshold)) return null;
  let ltv = toward(current.ltv, target.ltv, rules.maxStep);
  let liquidationThreshold = toward(current.liquidationThreshold, target.liquidationThreshold, rules.maxStep);
  // A raise the current discount does not allow ((1 + maxDiscount) × LT < 1) stops at the highest valid LT on the way.
  while (liquidationThreshold > current.liquidationThreshold && !validCollateral({ ltv, liquidationThreshold, maxDiscount: current.maxDiscount })) {
    const lower = liquidationThreshold - rules.deadband;
    liquidationThreshold = lower > current.liquidationThreshold ? lower : current.liquidationThreshold;
    if (ltv >= liquidationThreshold) ltv = current.ltv < liquidationThreshold ? current.ltv : liquidationThreshold - rules.deadband;
  }
  if (ltv === current.ltv && liquidationThreshold === current.liquidationThreshold) return null;
  if (!validCollateral({ ltv, liquidationThreshold, maxDiscount: current.maxDiscount })) return null;
  return { ltv, liquidationThreshold, safer: ltv <= current.ltv && liquidationThreshold <= current.liquidationThreshold };
}
