/**
 * A market's whole book of vaults for the risk dashboard, read in pages through KeelLens.getVaultBook and laid out in
 * typed arrays so a stress scenario over 10,000 vaults recomputes within a frame (lib/analytics/stress.ts).
 *
 * Health factors and values come from lib/engine/risk.ts (the engine's own rounding, on bigint) once, at load; only the
 * stress scenarios run on floating point.
 */
import { getAddress, type Address, type PublicClient } from "viem";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { debtOfShares, vaultHealth } from "../engine/risk";
import { wadToNumber } from "../engine/math";
import { gunzip, isGzip, readBook, valueAt, type BookColumns } from "./risk-book-codec";
import type { LensMarket } from "../read/vaults";
import { isPriced, usablePrice } from "../read/oracle";
import { healthKnown } from "../view/vault-summary";
import { sameAddress } from "@/lib/config/address";

const toUsd = wadToNumber;

export interface RiskBook {
  market: Address;
  /** The market's collaterals, in `collateralAssets()` order (the book's column order). */
  assets: Address[];
  /** Per collateral: liquidation threshold and max discount (fractions), and whether its price is fresh. */
  liquidationThreshold: Float64Array;
  maxDiscount: Float64Array;
  priceOk: boolean[];
  baseOk: boolean;
  /** Vaults (n) and collaterals (k). */
  n: number;
  k: number;
  /** Vault ids (sequential from 1), owners, debt in base units (interest to now). */
  ids: Uint32Array;
  owners: Address[];
  debt: bigint[];
  /** USD floats: debt value per vault; collateral value and liquidation value (value × LT) per vault × collateral. */
  debtValue: Float64Array;
  value: Float64Array;
  liquidationValue: Float64Array;
  /**
   * USD floats per vault × collateral: the part of the vault's debt owed in that collateral's own asset (an Aave account
   * that supplies and borrows USDC, or WETH), whose value moves with the same price. Absent: no debt is in a collateral
   * asset (Keel's base asset and Morpho's loan token are never collateral of their market).
   */
  debtInColumn?: Float64Array;
  /**
   * Per collateral: 1 for a dollar stablecoin (priced within `STABLE_BAND` of $1 when the book was read). "All together"
   * (a market-wide fall) leaves these at $1 unless every collateral is one; their own slider still moves them.
   */
  stable?: Uint8Array;
  /**
   * Per vault: the smallest share by which the price of one asset it borrows may rise, others held, before it is
   * liquidatable (Infinity: no rise alone does it). Absent: every vault borrows one asset that is no collateral of the
   * book (Keel's base asset, Morpho's loan token), whose rise is L / D − 1 (lib/analytics/stress.ts `debtRiseDistance`).
   */
  debtRise?: Float64Array;
  /** Σ over the vault's collaterals of the two above. */
  totalValue: Float64Array;
  totalLiquidationValue: Float64Array;
  /** Health factor from lib/engine/risk.ts (Infinity without debt; NaN when a price it needs is unavailable). */
  healthFactor: Float64Array;
  /** Liquidatable now by the engine's exact rule (HF < 1 on bigint). */
  liquidatableNow: Uint8Array;
  /** Exact sums over the book, USD WAD. */
  totals: { collateralValue: bigint; debtValue: bigint };
  /**
   * The liquidator's discount is `maxDiscount` whatever the health factor (Aave's liquidation bonus, Morpho's incentive
   * factor); absent or false: Keel's engine rule, clamp(1 − HF, 1 %, maxDiscount) (lib/analytics/stress.ts liquidationDiscount).
   */
  fixedDiscount?: boolean;
}

/** The market fields the book needs (a LensMarket has them). */
export type BookMarket = Pick<LensMarket, "market" | "baseDecimals" | "baseFeed" | "collaterals">;

/** One page of KeelLens.getVaultBook. */
export interface BookPage {
  offset: number;
  /** Vault ids of the rows; without, they are offset + 1, offset + 2, … (the lens's pages). */
  ids?: ArrayLike<number>;
  owners: readonly Address[];
  debts: readonly bigint[];
  /** Row-major, `k` per vault. */
  amounts: readonly bigint[];
}

/** How far from $1 a collateral's price may be and the book still count it a dollar stablecoin (`RiskBook.stable`). */
export const STABLE_BAND = 0.02;

/**
 * Stablecoins by symbol (upper case), fiat-backed and synthetic, and their savings wrappers (priced above $1 as they
 * accrue): a market-wide fall leaves them be. A symbol says more than a price near $1 — ARB or OP can trade there.
 */
export const STABLE_SYMBOLS = new Set([
  "USDC",
  "USDC.E",
  "USDBC",
  "USDT",
  "USDT0",
  "DAI",
  "SDAI",
  "USDS",
  "SUSDS",
  "GHO",
  "SGHO",
  "FRAX",
  "SFRAX",
  "LUSD",
  "PYUSD",
  "USDE",
  "SUSDE",
  "CRVUSD",
  "SCRVUSD",
  "TUSD",
  "FDUSD",
  "RLUSD",
  "USD0",
  "EURC",
  "EURE",
]);

/**
 * `RiskBook.stable` of collaterals priced `usd` (USD per whole token; NaN: unknown): by symbol when the book knows
 * them (STABLE_SYMBOLS), else by a price within STABLE_BAND of $1.
 */
export function stableColumns(usd: readonly number[], symbols?: readonly string[]): Uint8Array {
  return Uint8Array.from(usd, (p, j) =>
    symbols?.[j] !== undefined ? (STABLE_SYMBOLS.has(symbols[j]!.toUpperCase()) ? 1 : 0) : Math.abs(p - 1) <= STABLE_BAND ? 1 : 0,
  );
}

/**
 * The collaterals "All together" moves (1 each): every one but the dollar stablecoins (`RiskBook.stable`), so that a
 * market-wide fall does not also take USDC, and the USDC debt with it; every one when all are stablecoins.
 */
export function togetherColumns(book: Pick<RiskBook, "k" | "stable">): Uint8Array {
  const out = Uint8Array.from({ length: book.k }, (_, j) => (book.stable?.[j] ? 0 : 1));
  if (!out.includes(1)) out.fill(1);
  return out;
}

/** Vault `i` as the valuation reads it: its id, owner and debt (base units), and its amounts in the market's column order. */
type ReadVault = (i: number, row: { id: number; owner: Address; debt: bigint; amounts: bigint[] }) => void;

/**
 * A RiskBook of `n` vaults of `market`, each read by `read` and valued with lib/engine/risk.ts `vaultHealth` (the
 * engine's rounding, on bigint): one valuation whatever the book's source (the lens's pages, the indexer's columns).
 */
function valueBook(market: BookMarket, n: number, read: ReadVault): RiskBook {
  const k = market.collaterals.length;
  const assets = market.collaterals.map((c) => c.info.asset);
  const priceOk = market.collaterals.map((c) => isPriced(c.feed));
  const baseOk = isPriced(market.baseFeed);
  const book: RiskBook = {
    market: market.market,
    assets,
    liquidationThreshold: Float64Array.from(market.collaterals, (c) => wadToNumber(c.info.liquidationThreshold)),
    maxDiscount: Float64Array.from(market.collaterals, (c) => wadToNumber(c.info.maxDiscount)),
    priceOk,
    baseOk,
    stable: stableColumns(market.collaterals.map((c, j) => (priceOk[j] ? wadToNumber(BigInt(c.feed.price)) : NaN))),
    n,
    k,
    ids: new Uint32Array(n),
    owners: new Array<Address>(n),
    debt: new Array<bigint>(n),
    debtValue: new Float64Array(n),
    value: new Float64Array(n * k),
    liquidationValue: new Float64Array(n * k),
    totalValue: new Float64Array(n),
    totalLiquidationValue: new Float64Array(n),
    healthFactor: new Float64Array(n),
    liquidatableNow: new Uint8Array(n),
    totals: { collateralValue: 0n, debtValue: 0n },
  };
  const position = {
    collaterals: market.collaterals.map((c) => ({
      decimals: c.info.decimals,
      amount: 0n,
      // An unpriced collateral counts 0, as the market counts it (no health, NaN below, only when nothing priced backs the debt).
      price: usablePrice(c.feed) ?? 0n,
      liquidationThreshold: BigInt(c.info.liquidationThreshold),
    })),
    debt: 0n,
    baseDecimals: market.baseDecimals,
    basePrice: baseOk ? market.baseFeed.price : 0n,
  };
  const row = { id: 0, owner: "0x" as Address, debt: 0n, amounts: new Array<bigint>(k).fill(0n) };
  const values = new Array<bigint>(k).fill(0n);
  const liquidation = new Array<bigint>(k).fill(0n);
  let collateralSum = 0n;
  let debtSum = 0n;
  for (let i = 0; i < n; i++) {
    read(i, row);
    book.ids[i] = row.id;
    book.owners[i] = row.owner;
    const debt = row.debt;
    book.debt[i] = debt;
    let unpricedHeld = false;
    for (let j = 0; j < k; j++) {
      const amount = row.amounts[j]!;
      position.collaterals[j]!.amount = amount;
      if (amount !== 0n && !priceOk[j]) unpricedHeld = true;
    }
    position.debt = debt;
    const risk = vaultHealth(position, values, liquidation);
    for (let j = 0; j < k; j++)
      if (values[j] !== 0n) {
        book.value[i * k + j] = toUsd(values[j]!);
        book.liquidationValue[i * k + j] = toUsd(liquidation[j]!);
      }
    book.debtValue[i] = toUsd(risk.debtValue);
    book.totalValue[i] = toUsd(risk.collateralValue);
    book.totalLiquidationValue[i] = toUsd(risk.liquidationValue);
    collateralSum += risk.collateralValue;
    debtSum += risk.debtValue;
    if (debt === 0n) book.healthFactor[i] = Infinity;
    // The one health rule (lib/view/vault-summary.ts healthShown), as the vault page and the cards show it.
    else if (!healthKnown({ hasDebt: true, debtPriced: baseOk, pricedValue: risk.collateralValue, unpricedHeld })) book.healthFactor[i] = NaN;
    else {
      book.healthFactor[i] = toUsd(risk.healthFactor);
      book.liquidatableNow[i] = risk.liquidatable ? 1 : 0;
    }
  }
  book.totals = { collateralValue: collateralSum, debtValue: debtSum };
  return book;
}

/** Lays out the pages (any order, contiguous from offset 0) as a RiskBook, valuing every vault with lib/engine/risk.ts. */
export function buildRiskBook(market: BookMarket, pages: readonly BookPage[]): RiskBook {
  const k = market.collaterals.length;
  const sorted = [...pages].sort((a, b) => a.offset - b.offset);
  const n = sorted.reduce((s, p) => s + p.owners.length, 0);
  let page = 0;
  let first = 0; // book index of the current page's first row
  return valueBook(market, n, (i, row) => {
    while (i - first >= sorted[page]!.owners.length) first += sorted[page++]!.owners.length;
    const p = sorted[page]!;
    const r = i - first;
    row.id = p.ids ? p.ids[r]! : p.offset + r + 1;
    row.owner = p.owners[r]!;
    row.debt = p.debts[r]!;
    for (let j = 0; j < k; j++) row.amounts[j] = p.amounts[r * k + j]!;
  });
}

/**
 * The indexer's compact book (lib/analytics/risk-book-codec.ts `readBook`: its columns, no bigint per vault) as a
 * RiskBook in the market's column order, debt from the shares at the market's borrow totals (`view`, read from the chain
 * with the prices), every vault valued as `buildRiskBook` values it. Throws when the book is of another market or holds
 * a collateral the market does not list.
 */
export function riskBookOfColumns(
  view: BookMarket & Pick<LensMarket, "totalBorrows" | "totalBorrowShares">,
  read: { market: Address; columns: BookColumns },
): RiskBook {
  const c = read.columns;
  if (!sameAddress(read.market, view.market)) throw new Error(`the indexer sent the book of ${read.market}, not ${view.market}`);
  const k = view.collaterals.length;
  const columns = c.assets.map((a) => {
    const j = view.collaterals.findIndex((x) => sameAddress(x.info.asset, a));
    if (j < 0) throw new Error(`the indexer's book holds ${getAddress(a)}, which market ${view.market} does not list`);
    return j;
  });
  const kc = columns.length;
  const owners = c.owners as Address[];
  return valueBook(view, c.n, (i, row) => {
    row.id = c.ids[i]!;
    row.owner = owners[c.ownerIndex[i]!]!;
    row.debt = debtOfShares(valueAt(c, 0, i), view.totalBorrows, view.totalBorrowShares);
    for (let j = 0; j < k; j++) row.amounts[j] = 0n;
    for (let x = 0; x < kc; x++) row.amounts[columns[x]!] = valueAt(c, 1 + x, i);
  });
}

/** Vaults per KeelLens.getVaultBook call: ~5M gas of eth_call on anvil, well under any node's cap (see bench/risk.ts). */
export const BOOK_PAGE_SIZE = 500;

/**
 * Reads a market and all its vaults: `getMarket` and the first page together, then every other page in parallel (the
 * client's batching transport sends each wave as one HTTP request). Two round trips whatever the number of vaults.
 */
export async function loadRiskBook(
  client: Pick<PublicClient, "readContract">,
  lens: Address,
  market: Address,
  pageSize = BOOK_PAGE_SIZE,
): Promise<{ market: LensMarket; book: RiskBook }> {
  const page = async (offset: number): Promise<BookPage & { count: number }> => {
    const [owners, debts, amounts, count] = await client.readContract({
      address: lens,
      abi: keelLensAbi,
      functionName: "getVaultBook",
      args: [market, BigInt(offset), BigInt(pageSize)],
    });
    return { offset, owners, debts, amounts, count: Number(count) };
  };
  const [view, first] = await Promise.all([
    client.readContract({ address: lens, abi: keelLensAbi, functionName: "getMarket", args: [market] }),
    page(0),
  ]);
  const offsets: number[] = [];
  for (let o = pageSize; o < first.count; o += pageSize) offsets.push(o);
  const rest = await Promise.all(offsets.map(page));
  // Vaults opened between the first and the later reads are left for the next refresh.
  const pages = [first, ...rest];
  return { market: view, book: buildRiskBook(view, pages) };
}

/** Why the indexer's book was not used, for the reader's language (`charts.indexer.<why>` in messages/). */
export type IndexerWhy = "notConfigured" | "noAnswer" | "refused" | "unusable";

/** The indexer's book could not be had, with its reason's code (the app proxy's `code`). */
export class BookUnavailable extends Error {
  constructor(
    message: string,
    readonly why: IndexerWhy,
  ) {
    super(message);
  }
}

/**
 * The gzipped compact book at `url` (the app's /api/indexer/book/… proxy, absolute in a worker); throws BookUnavailable
 * with the proxy's code when it answers an error.
 */
export async function fetchIndexerBook(url: string): Promise<ArrayBuffer> {
  let res: Response;
  try {
    // The default cache mode: the proxy answers `cache-control: no-store` (nothing is kept), and a request with it takes
    // the answer /risk's HTML preloaded (app/risk/page.tsx).
    res = await fetch(url);
  } catch (e) {
    throw new BookUnavailable(`the indexer's book did not arrive: ${(e as Error).message}`, "noAnswer");
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string; code?: IndexerWhy } | null;
    throw new BookUnavailable(body?.error ?? `the indexer's book answered ${res.status}`, body?.code ?? "refused");
  }
  return res.arrayBuffer();
}

/**
 * The indexer's compact book (`bytes`: gzipped as the indexer sends it, or already gunzipped by the browser's fetch when
 * the proxy says `content-encoding: gzip`) priced with the market read from the chain (`view`): read as columns
 * (`readBook`) and every vault valued (`riskBookOfColumns`). Throws when the indexer has none of the market's vaults yet,
 * or its book is of another market. `decodeMs`: the gunzip and read's share of the time; `owners` and `ownerIndex`: the
 * book's distinct owners (lowercase) and each vault's index into them.
 */
export async function bookFromIndexer(
  bytes: ArrayBuffer,
  view: LensMarket,
): Promise<{ book: RiskBook; block: bigint; notIndexed: number; owners: Address[]; ownerIndex: Uint32Array; decodeMs: number }> {
  const started = performance.now();
  const read = readBook(isGzip(bytes) ? await gunzip(bytes) : bytes);
  const decodeMs = performance.now() - started;
  const { n } = read.columns;
  // An indexer still backfilling has none of the market's vaults: its empty book would read as an empty market.
  if (n === 0 && view.vaultCount > 0n) throw new Error(`the indexer has none of the market's ${view.vaultCount} vaults yet`);
  const notIndexed = Math.max(0, Number(view.vaultCount) - n);
  return {
    book: riskBookOfColumns(view, read),
    block: read.block,
    notIndexed,
    owners: read.columns.owners as Address[],
    ownerIndex: read.columns.ownerIndex,
    decodeMs,
  };
}

/**
 * A market's book from the indexer's compact form (`fetchBook`: the gzipped bytes of `/book/:chainId/:market`), priced
 * with the market read from the chain at the same time (`getMarket`: prices, thresholds, borrow totals). One HTTP
 * request and one eth_call whatever the number of vaults. `block` is the indexer's block for the vaults.
 */
export async function loadRiskBookFromIndexer(
  fetchBook: () => Promise<ArrayBuffer>,
  client: Pick<PublicClient, "readContract">,
  lens: Address,
  market: Address,
): Promise<{ market: LensMarket; book: RiskBook; block: bigint; notIndexed: number }> {
  const [bytes, view] = await Promise.all([
    fetchBook(),
    client.readContract({ address: lens, abi: keelLensAbi, functionName: "getMarket", args: [market] }),
  ]);
  const { book, block, notIndexed } = await bookFromIndexer(bytes, view);
  return { market: view, book, block, notIndexed };
}
