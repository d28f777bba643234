/**
 * Stress scenarios over a market's book (lib/analytics/risk-book.ts): collateral prices fall by a chosen share, per asset, and
 * we count the vaults that become liquidatable, the debt and collateral they hold, and the bad debt that would remain
 * once liquidators have taken all the collateral at the engine's discount.
 *
 * Engine rules used (contracts/src/engine/KeelMarket.sol, HealthLib): a vault is liquidatable when
 * Σ value × LT < debt value; a liquidator seizing asset a is paid the discount d = clamp(1 − HF, 1 %, maxDiscount(a)).
 *
 * Simplification (bad debt): each liquidatable vault is assumed liquidated in full at the shocked prices, every asset
 * at the discount set by the vault's health factor at those prices — so the debt liquidators can repay is
 * Σ valueₐ / (1 + dₐ) and the bad debt is max(0, debt − that). The engine's real sequence (partial liquidations that
 * stop at HF 1.05, the discount re-read after each, dust) leaves a vault that can be restored with no bad debt at all,
 * and one that cannot with exactly this remainder when its whole collateral goes at one discount; with several assets
 * the discount may differ between steps by the change in HF. The base asset's price is held; debt owed in a collateral's
 * own asset (`debtInColumn`: an Aave account borrowing the USDC or WETH it supplies) moves with that collateral's price,
 * so a scenario's debt value is debt − Σⱼ debtInColumnⱼ × shockⱼ. The health histogram counts today's debt value.
 *
 * Everything runs on Float64Arrays in one pass: O(vaults × collaterals), about a millisecond at 10,000 vaults.
 */
import { MIN_DISCOUNT as ENGINE_MIN_DISCOUNT } from "../engine/health";
import { debtSide, type OddsVault } from "./liquidation-odds";
import { togetherColumns, type RiskBook } from "./risk-book";

/** Smallest liquidation discount (HealthLib.MIN_DISCOUNT, lib/engine/health.ts's, as a fraction). */
export const MIN_DISCOUNT = Number(ENGINE_MIN_DISCOUNT) / 1e18;

export interface StressResult {
  /** Vaults with debt and known prices (the ones a scenario can move). */
  vaultsWithDebt: number;
  /** Liquidatable under the scenario (including those liquidatable now). */
  liquidatable: number;
  /** USD: their debt, their collateral at the shocked prices, and the bad debt left after liquidation. */
  debtValue: number;
  collateralValue: number;
  badDebt: number;
}

/**
 * Engine discount for a health factor, in floats for the stress view (the exact bigint rule is lib/engine/liquidation.ts
 * `liquidationDiscount`): clamp(1 − hf, 1 %, maxDiscount), capped at the vault's margin (collateral ÷ debt − 1) when
 * its collateral covers its debt — so a solvent vault leaves no bad debt. `fixed`: the protocol pays `maxDiscount`
 * whatever the health factor (Aave's liquidation bonus, Morpho's incentive factor), with the same cap.
 */
export function liquidationDiscount(healthFactor: number, maxDiscount: number, margin = Infinity, fixed = false): number {
  return Math.min(maxDiscount, baseDiscount(healthFactor, margin, fixed));
}

/**
 * `liquidationDiscount` before its collateral's `maxDiscount`: clamp(1 − hf, 1 %, ∞) capped at the margin (only the
 * margin when `fixed`). One per vault; each collateral's discount is then min(maxDiscount, base) — `Math.min` is exact,
 * so the two steps give the same number as the one-step rule, bit for bit.
 */
function baseDiscount(healthFactor: number, margin: number, fixed: boolean): number {
  const cap = margin >= 0 ? margin : Infinity;
  return fixed ? cap : Math.min(Math.max(MIN_DISCOUNT, healthFactor < 1 ? 1 - healthFactor : 0), cap);
}

/**
 * The scenario where collateral j's price falls by `shocks[j]` (0 = unchanged, 0.3 = −30 %, at most 1). `flags`, if
 * given (length n), receives 1 for each vault liquidatable under it; `health`, if given, each vault's health factor at
 * the scenario's prices (Σ value × LT × (1 − shock) ÷ debt; the book's own for vaults without debt or unpriced).
 */
export function stress(book: RiskBook, shocks: ArrayLike<number>, flags?: Uint8Array, health?: Float64Array): StressResult {
  const { n, k, value, liquidationValue, debtValue, debtInColumn, healthFactor, liquidatableNow, maxDiscount, fixedDiscount = false } = book;
  const keep = new Float64Array(k);
  const drop = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    drop[j] = Math.min(1, Math.max(0, shocks[j] ?? 0));
    keep[j] = 1 - drop[j]!;
  }
  const products = new Float64Array(k);
  let vaultsWithDebt = 0;
  let liquidatable = 0;
  let debt = 0;
  let collateral = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const today = debtValue[i]!;
    const hf = healthFactor[i]!;
    if (flags) flags[i] = 0;
    if (health) health[i] = hf;
    if (today === 0 || hf !== hf /* NaN: unpriced */ || hf === Infinity) continue;
    vaultsWithDebt++;
    const row = i * k;
    const d = debtInColumn ? shockedDebt(today, debtInColumn, row, k, drop) : today;
    if (!(d > today * OWES_NOTHING)) {
      // Everything it owed was in assets that fell to nothing: it owes nothing at these prices (but float residue).
      if (health) health[i] = Infinity;
      continue;
    }
    let liq = 0;
    for (let j = 0; j < k; j++) liq += liquidationValue[row + j]! * keep[j]!;
    if (health) health[i] = liq / d;
    if (liquidatableNow[i] === 0 && liq >= d) continue;
    liquidatable++;
    if (flags) flags[i] = 1;
    debt += d;
    const vaultCollateral = stressedCollateral(value, keep, row, k, products);
    collateral += vaultCollateral;
    bad += unpaidDebt(products, maxDiscount, k, liq / d, d, vaultCollateral, fixedDiscount);
  }
  return { vaultsWithDebt, liquidatable, debtValue: debt, collateralValue: collateral, badDebt: bad };
}

/**
 * Below this share of today's debt, a scenario's debt is nothing: what is left when the whole debt was owed in assets
 * that fell 100 % is float residue of subtracting the parts (each a float of an exact sum), never a real debt.
 */
const OWES_NOTHING = 1e-9;

/** Row `row`'s debt value `d` at the scenario: less what it owes in each collateral's asset × that asset's fall (`drop`). */
function shockedDebt(d: number, debtInColumn: ArrayLike<number>, row: number, k: number, drop: ArrayLike<number>): number {
  for (let j = 0; j < k; j++) d -= debtInColumn[row + j]! * drop[j]!;
  return d;
}

/**
 * Row `row`'s collateral value after the shocks `keep` (the book's `value` columns, `k` per vault): Σ value × keep,
 * each product also written to `products` (what `unpaidDebt` sells).
 */
function stressedCollateral(value: ArrayLike<number>, keep: ArrayLike<number>, row: number, k: number, products: Float64Array): number {
  let c = 0;
  for (let j = 0; j < k; j++) {
    const p = value[row + j]! * keep[j]!;
    products[j] = p;
    c += p;
  }
  return c;
}

/**
 * The debt a liquidation at health factor `h` leaves unpaid: the debt `d` less every collateral's stressed value
 * (`products`, `k` of them) sold at its discount (`liquidationDiscount`, capped at the vault's margin over `collateral`,
 * their sum); 0 when the sale covers the debt. The one formula `stress` and `stressScenario` share.
 */
function unpaidDebt(
  products: Float64Array,
  maxDiscount: ArrayLike<number>,
  k: number,
  h: number,
  d: number,
  collateral: number,
  fixedDiscount: boolean,
): number {
  const base = baseDiscount(h, collateral / d - 1, fixedDiscount);
  let recoverable = 0;
  // liquidationDiscount(h, maxDiscount[j], margin, fixed) = min(maxDiscount[j], base), base computed once per vault.
  for (let j = 0; j < k; j++) recoverable += products[j]! / (1 + Math.min(maxDiscount[j]!, base));
  return recoverable < d ? d - recoverable : 0;
}

/**
 * The vaults a scenario can move (debt, priced, health factor finite), in book order, laid out for `stressScenario`:
 * one dense Float64Array per column (the debt, each collateral's value and liquidation value) holding only those
 * vaults, so a scenario is one sequential pass over a few flat arrays — no per-vault indirection, no vaults that no
 * scenario moves. Built once per book; `index` maps each back to its book row.
 */
export interface StressColumns {
  /** Book size (the flags' length). */
  n: number;
  k: number;
  /** Book row of each active vault, ascending. */
  index: Uint32Array;
  debtValue: Float64Array;
  healthFactor: Float64Array;
  liquidatableNow: Uint8Array;
  /** Per collateral j: the active vaults' value and liquidation value of j. */
  value: Float64Array[];
  liquidationValue: Float64Array[];
  /** Per collateral j: the active vaults' debt value owed in j's asset (null: none owes any; the whole list null: no debt in a collateral asset). */
  debtIn: (Float64Array | null)[] | null;
  maxDiscount: Float64Array;
  fixedDiscount: boolean;
  /** Per active vault: today's health bucket (HEALTH_BUCKETS index; liquidatable now: 0), for the unshocked histogram. */
  todayBucket: Uint8Array;
}

export function stressColumns(
  book: Pick<
    RiskBook,
    "n" | "k" | "value" | "liquidationValue" | "debtValue" | "debtInColumn" | "healthFactor" | "liquidatableNow" | "maxDiscount" | "fixedDiscount"
  >,
): StressColumns {
  const { n, k } = book;
  const rows = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const hf = book.healthFactor[i]!;
    if (book.debtValue[i] === 0 || hf !== hf || hf === Infinity) continue;
    rows[m++] = i;
  }
  const index = rows.slice(0, m);
  const debtValue = new Float64Array(m);
  const healthFactor = new Float64Array(m);
  const liquidatableNow = new Uint8Array(m);
  const todayBucket = new Uint8Array(m);
  const value = Array.from({ length: k }, () => new Float64Array(m));
  const liquidationValue = Array.from({ length: k }, () => new Float64Array(m));
  const owedIn = book.debtInColumn;
  const debtIn: (Float64Array | null)[] | null = owedIn
    ? Array.from({ length: k }, (_, j) => {
        const col = new Float64Array(m);
        let any = false;
        for (let x = 0; x < m; x++) any = (col[x] = owedIn[index[x]! * k + j]!) !== 0 || any;
        return any ? col : null;
      })
    : null;
  for (let x = 0; x < m; x++) {
    const i = index[x]!;
    debtValue[x] = book.debtValue[i]!;
    healthFactor[x] = book.healthFactor[i]!;
    liquidatableNow[x] = book.liquidatableNow[i]!;
    todayBucket[x] = liquidatableNow[x] ? 0 : bucketOf(healthFactor[x]!);
    for (let j = 0; j < k; j++) {
      value[j]![x] = book.value[i * k + j]!;
      liquidationValue[j]![x] = book.liquidationValue[i * k + j]!;
    }
  }
  return {
    n,
    k,
    index,
    debtValue,
    healthFactor,
    liquidatableNow,
    value,
    liquidationValue,
    debtIn: debtIn && debtIn.some((c) => c !== null) ? debtIn : null,
    maxDiscount: Float64Array.from(book.maxDiscount),
    fixedDiscount: book.fixedDiscount ?? false,
    todayBucket,
  };
}

/** The first HEALTH_BUCKETS index whose upper bound is above `hf` (the last bucket's is ∞). */
function bucketOf(hf: number): number {
  const tops = BUCKET_TOPS;
  let b = 0;
  while (b < tops.length && !(hf < tops[b]!)) b++;
  return b;
}

/**
 * `stress` and `healthHistogram` at the scenario in one pass over the columns (`stressColumns`): the same arithmetic in
 * the same order (book order, collaterals in column order), so every figure equals theirs bit for bit
 * (lib/analytics/stress.worker.test.ts checks it on random books). `flags` (length n) receives 1 for each vault
 * liquidatable under the scenario. The histogram is today's (the book's health factors) when no shock is above 0, as
 * `healthHistogram` without a scenario.
 */
export function stressScenario(
  c: StressColumns,
  shocks: ArrayLike<number>,
  flags: Uint8Array,
): { result: StressResult; histogram: ReturnType<typeof healthHistogram> } {
  const { k, index, debtValue, debtIn, liquidatableNow, value, liquidationValue, maxDiscount, fixedDiscount, todayBucket } = c;
  const m = index.length;
  const keep = new Float64Array(k);
  const drop = new Float64Array(k);
  let stressed = false;
  let widest = 0;
  for (let j = 0; j < k; j++) {
    const s = shocks[j] ?? 0;
    if (s > 0) stressed = true;
    drop[j] = Math.min(1, Math.max(0, s));
    keep[j] = 1 - drop[j]!;
    if (maxDiscount[j]! > widest) widest = maxDiscount[j]!;
  }
  // The debt at the scenario: today's, less what is owed in each shocked collateral's asset × its fall (`shockedDebt`'s
  // subtractions in the same order; a column nobody owes in, or not shocked, subtracts 0 exactly).
  let owed = debtValue;
  if (debtIn && stressed) {
    owed = scratchDebt(m);
    owed.set(debtValue.subarray(0, m));
    for (let j = 0; j < k; j++) {
      const dj = debtIn[j];
      const s = drop[j]!;
      if (!dj || s === 0) continue;
      for (let x = 0; x < m; x++) owed[x]! -= dj[x]! * s;
    }
  }
  // A liquidated vault whose stressed collateral exceeds its debt by more than every column's discount (with room for
  // float rounding: 1e-9 relative, far above the k + 5 roundings of the sum) is sold at a discount below its margin,
  // so `unpaidDebt` would return exactly 0 and add nothing: skipping it leaves `bad` bit for bit the same.
  const covered = widest * (1 + 1e-9) + 1e-12;
  const last = BUCKET_TOPS.length;
  const cells = bucketTable.length;
  const bucketVaults = new Float64Array(last + 1);
  const bucketDebt = new Float64Array(last + 1);
  // The stressed liquidation value per vault: Σ_j liquidationValueⱼ × keepⱼ, summed column by column into `liq` (the
  // same additions, in the same order per vault, as a row's inner loop), one tight loop per column.
  const liq = scratch(m);
  const l0 = liquidationValue[0];
  if (l0) {
    const k0 = keep[0]!;
    for (let x = 0; x < m; x++) liq[x] = l0[x]! * k0;
  } else liq.fill(0, 0, m);
  for (let j = 1; j < k; j++) {
    const lj = liquidationValue[j]!;
    const kj = keep[j]!;
    for (let x = 0; x < m; x++) liq[x]! += lj[x]! * kj;
  }
  flags.fill(0);
  let liquidatable = 0;
  let debt = 0;
  let collateral = 0;
  let bad = 0;
  const products = new Float64Array(k);
  for (let x = 0; x < m; x++) {
    const d = owed[x]!;
    const l = liq[x]!;
    // Owes nothing at these prices (`stress`: health ∞, not liquidatable): no longer a vault with debt, in no bucket.
    if (!(d > debtValue[x]! * OWES_NOTHING)) continue;
    const now = liquidatableNow[x] !== 0;
    const hit = now || !(l >= d);
    let b = 0;
    if (!stressed) b = todayBucket[x]!;
    else if (!hit) {
      // The bucket from a table by twentieths of health (every bound is one), then exact against the bucket's own
      // bounds: `hf × 20` rounds across at most one cell's edge, so one step either way corrects it (a per-vault
      // search was most of a move's time, and a loop of steps half of what was left).
      const hf = l / d;
      const cell = hf * BUCKET_CELLS;
      b = cell < cells ? bucketTable[cell | 0]! : last;
      if (b < last && hf >= bucketTop[b]!) b++;
      else if (hf < bucketBottom[b]!) b--;
    }
    bucketVaults[b]!++;
    bucketDebt[b]! += debtValue[x]!;
    if (!hit) continue;
    liquidatable++;
    flags[index[x]!] = 1;
    debt += d;
    // `stressedCollateral`'s sum and products, read from the columns (the same products, added in the same order).
    let vaultCollateral = 0;
    for (let j = 0; j < k; j++) {
      const p = value[j]![x]! * keep[j]!;
      products[j] = p;
      vaultCollateral += p;
    }
    collateral += vaultCollateral;
    if (vaultCollateral / d - 1 > covered) continue;
    bad += unpaidDebt(products, maxDiscount, k, l / d, d, vaultCollateral, fixedDiscount);
  }
  return {
    result: { vaultsWithDebt: m, liquidatable, debtValue: debt, collateralValue: collateral, badDebt: bad },
    histogram: HEALTH_BUCKETS.map((bucket, b) => ({ label: bucket.label, vaults: bucketVaults[b]!, debtValue: bucketDebt[b]! })),
  };
}

/** A reusable Float64Array of at least `m` (the per-vault stressed liquidation values; one recompute at a time per thread). */
let scratchBuffer = new Float64Array(0);
function scratch(m: number): Float64Array {
  if (scratchBuffer.length < m) scratchBuffer = new Float64Array(m);
  return scratchBuffer;
}
/** The same for the per-vault debt at the scenario (only when some debt is owed in a collateral's asset). */
let scratchDebtBuffer = new Float64Array(0);
function scratchDebt(m: number): Float64Array {
  if (scratchDebtBuffer.length < m) scratchDebtBuffer = new Float64Array(m);
  return scratchDebtBuffer;
}

/** The columns a vault's distances, the liquidation levels and the odds read (a RiskBook has them). */
export type RowBook = Pick<
  RiskBook,
  | "n"
  | "k"
  | "value"
  | "liquidationValue"
  | "totalLiquidationValue"
  | "debtValue"
  | "debtInColumn"
  | "stable"
  | "debtRise"
  | "healthFactor"
  | "liquidatableNow"
  | "liquidationThreshold"
>;

/**
 * Share of collateral j's price that may fall, others held, before vault i is liquidatable: (L − D) / (Lⱼ − Dⱼ), where
 * Dⱼ is the debt owed in j's own asset (it falls with it). 0 when the vault is liquidatable already, Infinity when no
 * fall of j alone gets it there (or it has no debt). The same number lib/engine/risk.ts
 * `distanceToLiquidation(price, liquidationPrice)` gives on bigint.
 */
export function assetDistance(book: RowBook, i: number, j: number): number {
  const d = book.debtValue[i]!;
  const hf = book.healthFactor[i]!;
  if (d === 0 || hf !== hf || hf === Infinity) return Infinity;
  if (book.liquidatableNow[i]) return 0;
  const at = i * book.k + j;
  const net = book.liquidationValue[at]! - (book.debtInColumn?.[at] ?? 0);
  const surplus = book.totalLiquidationValue[i]! - d;
  if (!(net > 0) || surplus >= net) return Infinity;
  return Math.max(0, surplus / net);
}

/**
 * The vault's closest distance to liquidation: the smallest `assetDistance` over its collaterals (a fall) and
 * `debtRiseDistance` (a rise of what it borrows) — what the dashboard and the position pages show
 * (lib/view/vault-summary.ts `closestDistance`).
 */
export function vaultDistance(book: RowBook, i: number): number {
  return nearestMove(book, i).distance;
}

/** `nearestMove`'s `which` for a rise of what the vault borrows, and for no distance at all. */
export const DEBT_RISE = -1;
export const NO_MOVE = -2;

/**
 * `vaultDistance` and which price it is: a collateral's column (its fall), DEBT_RISE (what it borrows, rising) or
 * NO_MOVE (no single price liquidates it). On a tie the rise is named.
 */
export function nearestMove(book: RowBook, i: number): { distance: number; which: number } {
  let distance = debtRiseDistance(book, i);
  let which = distance === Infinity ? NO_MOVE : DEBT_RISE;
  for (let j = 0; j < book.k; j++) {
    const d = assetDistance(book, i, j);
    if (d < distance) {
      distance = d;
      which = j;
    }
  }
  return { distance, which };
}

/**
 * Share by which the price of an asset vault i borrows may rise, others held, before it is liquidatable: the book's
 * `debtRise` (Aave: the closest of its debts, each (L − D) / (Dⱼ − Lⱼ)), else (L − D) / D — one borrowed asset that is
 * no collateral (Keel's base asset, Morpho's loan token), or with `debtInColumn` the same rule per owed column and the
 * rest as one asset; lib/engine/risk.ts `distanceToRise` on bigint. 0 when the
 * vault is liquidatable already, Infinity without debt or price.
 */
export function debtRiseDistance(book: RowBook, i: number): number {
  const d = book.debtValue[i]!;
  const hf = book.healthFactor[i]!;
  if (d === 0 || hf !== hf || hf === Infinity) return Infinity;
  if (book.liquidatableNow[i]) return 0;
  if (book.debtRise) return book.debtRise[i]!;
  const surplus = book.totalLiquidationValue[i]! - d;
  const owed = book.debtInColumn;
  if (!owed) return Math.max(0, surplus / d);
  // Without the book's own: each debt owed in a collateral's asset rises with that collateral, the rest as one asset.
  let nearest = Infinity;
  let owedIn = 0;
  for (let j = 0; j < book.k; j++) {
    const o = owed[i * book.k + j]!;
    if (o === 0) continue;
    owedIn += o;
    const net = o - book.liquidationValue[i * book.k + j]!;
    if (net > 0) nearest = Math.min(nearest, surplus / net);
  }
  const rest = d - owedIn;
  if (rest > d * OWES_NOTHING) nearest = Math.min(nearest, surplus / rest);
  return Math.max(0, nearest);
}

/**
 * Share by which the collaterals `together` (default `togetherColumns`) may fall together, the others held, before
 * vault i is liquidatable: (L − D) / (Lₛ − Dₛ), Lₛ their liquidation value and Dₛ the debt owed in their own assets
 * (falling with them) — 1 − 1/HF when they are all its collateral and it owes nothing in them.
 */
export function basketDistance(book: RowBook, i: number, together: ArrayLike<number> = togetherColumns(book)): number {
  const hf = book.healthFactor[i]!;
  if (book.debtValue[i] === 0 || hf !== hf || hf === Infinity) return Infinity;
  if (book.liquidatableNow[i]) return 0;
  const net = togetherLiquidationValue(book, i, together) - togetherOwed(book, i, together);
  const surplus = book.totalLiquidationValue[i]! - book.debtValue[i]!;
  if (!(net > 0) || surplus >= net) return Infinity;
  return Math.max(0, surplus / net);
}

/** Vault i's liquidation value in the columns `together`. */
function togetherLiquidationValue(book: RowBook, i: number, together: ArrayLike<number>): number {
  let l = 0;
  for (let j = 0; j < book.k; j++) if (together[j]) l += book.liquidationValue[i * book.k + j]!;
  return l;
}

/** The debt vault i owes in the assets of the columns `together` (0 without `debtInColumn`). */
function togetherOwed(book: RowBook, i: number, together: ArrayLike<number>): number {
  const c = book.debtInColumn;
  if (!c) return 0;
  let owed = 0;
  for (let j = 0; j < book.k; j++) if (together[j]) owed += c[i * book.k + j]!;
  return owed;
}

export interface LiquidationLevels {
  /** Price falls, percent: 0, 1, … maxDrop. */
  drops: number[];
  /** Per collateral (book order), debt (USD) liquidatable when that price alone has fallen by drops[x]%. */
  perAsset: Float64Array[];
  /** The same when every collateral price falls together (but dollar stablecoins: `togetherColumns`). */
  all: Float64Array;
}

/**
 * Debt that becomes liquidatable, cumulatively, as each collateral's price falls from 0 to `maxDrop` percent (and all
 * together: `togetherColumns`), valued at that fall. A vault counts at drop x once x/100 exceeds its distance: `levels.perAsset[j][x]`
 * equals `stress(book, shock j = x/100).debtValue`. Debt owed in the falling asset counts at x for debt − owedIn × x/100:
 * the owed-in sums are kept beside the debt's and subtracted × x/100 once per drop.
 */
export function liquidationLevels(book: RowBook, maxDrop = 90): LiquidationLevels {
  const drops = Array.from({ length: maxDrop + 1 }, (_, x) => x);
  const bins = (dist: (i: number) => number, owedIn: ((i: number) => number) | null) => {
    const b = new Float64Array(maxDrop + 1);
    const slope = owedIn ? new Float64Array(maxDrop + 1) : null;
    for (let i = 0; i < book.n; i++) {
      const s = dist(i);
      if (s === Infinity) continue;
      // Liquidatable at x when x/100 > s (strict), or at once when already liquidatable (s = 0 and flagged).
      const x = book.liquidatableNow[i] ? 0 : Math.floor(s * 100 + 1e-12) + 1;
      if (x > maxDrop) continue;
      b[x]! += book.debtValue[i]!;
      if (slope) slope[x]! += owedIn!(i);
    }
    for (let x = 1; x <= maxDrop; x++) b[x]! += b[x - 1]!;
    if (slope) {
      for (let x = 1; x <= maxDrop; x++) slope[x]! += slope[x - 1]!;
      for (let x = 0; x <= maxDrop; x++) b[x]! -= (slope[x]! * x) / 100;
    }
    return b;
  };
  const c = book.debtInColumn;
  const together = togetherColumns(book);
  return {
    drops,
    perAsset: Array.from({ length: book.k }, (_, j) => bins((i) => assetDistance(book, i, j), c ? (i) => c[i * book.k + j]! : null)),
    all: bins((i) => basketDistance(book, i, together), c ? (i) => togetherOwed(book, i, together) : null),
  };
}

/** Health-factor histogram buckets: [lower, upper) in HF, with a label. */
export const HEALTH_BUCKETS: { from: number; to: number; label: string }[] = [
  { from: 0, to: 1, label: "< 1" },
  { from: 1, to: 1.05, label: "1–1.05" },
  { from: 1.05, to: 1.1, label: "1.05–1.1" },
  { from: 1.1, to: 1.2, label: "1.1–1.2" },
  { from: 1.2, to: 1.35, label: "1.2–1.35" },
  { from: 1.35, to: 1.5, label: "1.35–1.5" },
  { from: 1.5, to: 2, label: "1.5–2" },
  { from: 2, to: 3, label: "2–3" },
  { from: 3, to: 5, label: "3–5" },
  { from: 5, to: Infinity, label: "≥ 5" },
];

/** Each HEALTH_BUCKETS index's bounds as typed arrays (the first's bottom −∞, the last's top ∞): the table's check. */
const bucketTop = Float64Array.from(HEALTH_BUCKETS, (b) => b.to);
const bucketBottom = Float64Array.from(HEALTH_BUCKETS, (b, i) => (i === 0 ? -Infinity : b.from));
/** Upper bounds of HEALTH_BUCKETS but the last (∞). */
const BUCKET_TOPS = bucketTop.subarray(0, -1);
/** Cells per unit of health factor of `bucketTable` (each bound of HEALTH_BUCKETS is a whole number of cells). */
const BUCKET_CELLS = 20;
/** The bucket of each cell [c, c + 1) / BUCKET_CELLS below the last finite bound. */
const bucketTable = Uint8Array.from({ length: Math.ceil(BUCKET_TOPS.at(-1)! * BUCKET_CELLS) }, (_, c) => bucketOf(c / BUCKET_CELLS));

/**
 * Vaults with debt and their debt value per health bucket (liquidatable vaults always in the first). Today's by
 * default; with a scenario's `health` and `flags` (from `stress`), at the scenario's prices.
 */
export function healthHistogram(
  book: RiskBook,
  scenario?: { health: Float64Array; flags: Uint8Array },
): { label: string; vaults: number; debtValue: number }[] {
  const out = HEALTH_BUCKETS.map((b) => ({ label: b.label, vaults: 0, debtValue: 0 }));
  const health = scenario?.health ?? book.healthFactor;
  const liquidatable = scenario?.flags ?? book.liquidatableNow;
  for (let i = 0; i < book.n; i++) {
    const hf = health[i]!;
    if (book.debtValue[i] === 0 || hf !== hf || hf === Infinity) continue;
    // The first bucket whose upper bound is above hf (a plain loop: this runs per vault on every slider move).
    let b = 0;
    if (!liquidatable[i]) while (b < HEALTH_BUCKETS.length - 1 && !(hf < HEALTH_BUCKETS[b]!.to)) b++;
    out[b]!.vaults++;
    out[b]!.debtValue += book.debtValue[i]!;
  }
  return out;
}

/**
 * Vault i of the book for lib/analytics/liquidation-odds.ts, with per-collateral volatilities and the debt side's (null: unknown;
 * for several debt assets, `debtSide` of their values and volatilities).
 */
export function oddsVaultFromBook(book: RowBook, i: number, sigmas: readonly (number | null)[], baseSigma: number | null): OddsVault | null {
  const hf = book.healthFactor[i]!;
  if (hf !== hf || baseSigma == null) return null;
  const collaterals: OddsVault["collaterals"] = [];
  for (let j = 0; j < book.k; j++) {
    const value = book.value[i * book.k + j]!;
    if (value === 0) continue;
    const sigma = sigmas[j];
    if (sigma == null) return null;
    collaterals.push({ value, liquidationThreshold: book.liquidationThreshold[j]!, sigma });
  }
  return { collaterals, debtValue: book.debtValue[i]!, baseSigma };
}

/**
 * The debt side's volatility of a book row that owes `debts` (each asset with its share of the row's debt value):
 * `debtSide` over the shares, so every debt asset's moves count; null when one has no known volatility or nothing is owed.
 */
export function bookDebtSigma(debts: readonly { asset: string; share: number }[], sigmas: Record<string, number | null>): number | null {
  if (debts.length === 0) return null;
  const owed = [];
  for (const d of debts) {
    const sigma = sigmas[d.asset.toLowerCase()];
    if (sigma == null) return null;
    owed.push({ value: d.share, sigma });
  }
  return debtSide(owed).baseSigma;
}
