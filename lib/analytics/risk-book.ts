/**
 * A market's whole book of vaults for the risk dashboard, read in pages through KeelLens.getVaultBook and laid out in
 * typed arrays so a stress scenario over 10,000 vaults recomputes within a frame (lib/analytics/stress.ts).
 *
 * Health factors and values come from lib/engine/risk.ts (the engine's own rounding, on bigint) once, at load; only the
 * stress scenarios run on floating point.
 */
import type { Address, PublicClient } from "viem";
import { keelLensAbi } from "@/contracts-abi/generated";
import { debtOfShares, vaultRisk, type VaultPosition } from "../engine/risk";
import { valueDown } from "../engine/health";
import { WAD, wadToNumber } from "../engine/math";
import { decodeBook, gunzip, type CompactBook } from "./risk-book-codec";
import type { LensMarket } from "../read/vaults";
import { isPriced, usablePrice } from "../read/oracle";

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

/** Lays out the pages (any order, contiguous from offset 0) as a RiskBook, valuing every vault with lib/risk.ts. */
export function buildRiskBook(market: BookMarket, pages: readonly BookPage[]): RiskBook {
  const k = market.collaterals.length;
  const sorted = [...pages].sort((a, b) => a.offset - b.offset);
  const n = sorted.reduce((s, p) => s + p.owners.length, 0);
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
  const position: VaultPosition = {
    collaterals: market.collaterals.map((c) => ({
      asset: c.info.asset,
      decimals: c.info.decimals,
      amount: 0n,
      price: usablePrice(c.feed) ?? 0n,
      ltv: BigInt(c.info.ltv),
      liquidationThreshold: BigInt(c.info.liquidationThreshold),
    })),
    debt: 0n,
    baseDecimals: market.baseDecimals,
    basePrice: baseOk ? market.baseFeed.price : 0n,
  };
  let i = 0;
  for (const page of sorted) {
    for (let r = 0; r < page.owners.length; r++, i++) {
      book.ids[i] = page.ids ? page.ids[r]! : page.offset + r + 1;
      book.owners[i] = page.owners[r]!;
      const debt = page.debts[r]!;
      book.debt[i] = debt;
      let priced = debt === 0n || baseOk;
      for (let j = 0; j < k; j++) {
        const amount = page.amounts[r * k + j]!;
        const c = position.collaterals[j]!;
        c.amount = amount;
        if (amount === 0n) continue;
        if (!priceOk[j]) {
          priced = false;
          continue;
        }
        const v = valueDown(amount, c.price, c.decimals);
        book.value[i * k + j] = toUsd(v);
        book.liquidationValue[i * k + j] = toUsd((v * c.liquidationThreshold) / WAD);
      }
      position.debt = debt;
      const risk = vaultRisk(position);
      book.debtValue[i] = toUsd(risk.debtValue);
      book.totalValue[i] = toUsd(risk.collateralValue);
      book.totalLiquidationValue[i] = toUsd(risk.liquidationValue);
      book.totals.collateralValue += risk.collateralValue;
      book.totals.debtValue += risk.debtValue;
      if (debt === 0n) book.healthFactor[i] = Infinity;
      else if (!priced) book.healthFactor[i] = NaN;
      else {
        book.healthFactor[i] = toUsd(risk.healthFactor);
        book.liquidatableNow[i] = risk.liquidatable ? 1 : 0;
      }
    }
  }
  return book;
}

/**
 * The indexer's compact book (lib/analytics/risk-book-codec.ts) as one page in the market's column order, debt from the shares
 * at the market's borrow totals (`view`, read from the chain with the prices). Throws when the indexer's book holds a
 * collateral the market does not list (a book of another market).
 */
export function pageFromCompact(
  view: Pick<LensMarket, "market" | "collaterals" | "totalBorrows" | "totalBorrowShares">,
  compact: CompactBook,
): BookPage {
  if (compact.market.toLowerCase() !== view.market.toLowerCase())
    throw new Error(`the indexer sent the book of ${compact.market}, not ${view.market}`);
  const k = view.collaterals.length;
  const columns = compact.assets.map((a) => {
    const j = view.collaterals.findIndex((c) => c.info.asset.toLowerCase() === a.toLowerCase());
    if (j < 0) throw new Error(`the indexer's book holds ${a}, which market ${view.market} does not list`);
    return j;
  });
  const kc = compact.assets.length;
  const amounts = new Array<bigint>(compact.n * k).fill(0n);
  const debts = new Array<bigint>(compact.n);
  const owners = new Array<Address>(compact.n);
  for (let i = 0; i < compact.n; i++) {
    owners[i] = compact.owners[compact.ownerIndex[i]!]!;
    debts[i] = debtOfShares(compact.debtShares[i]!, view.totalBorrows, view.totalBorrowShares);
    for (let x = 0; x < kc; x++) amounts[i * k + columns[x]!] = compact.amounts[i * kc + x]!;
  }
  return { offset: 0, ids: compact.ids, owners, debts, amounts };
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
    res = await fetch(url, { cache: "no-store" });
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
 * The indexer's gzipped compact book (`bytes`) priced with the market read from the chain (`view`): gunzipped, decoded,
 * every vault valued (`buildRiskBook`). Throws when the indexer has none of the market's vaults yet, or its book is of
 * another market. `decodeMs`: the gunzip and decode's share of the time.
 */
export async function bookFromIndexer(
  bytes: ArrayBuffer,
  view: LensMarket,
): Promise<{ book: RiskBook; block: bigint; notIndexed: number; compact: CompactBook; decodeMs: number }> {
  const started = performance.now();
  const compact = decodeBook(await gunzip(bytes));
  const decodeMs = performance.now() - started;
  // An indexer still backfilling has none of the market's vaults: its empty book would read as an empty market.
  if (compact.n === 0 && view.vaultCount > 0n) throw new Error(`the indexer has none of the market's ${view.vaultCount} vaults yet`);
  const notIndexed = Math.max(0, Number(view.vaultCount) - compact.n);
  return { book: buildRiskBook(view, [pageFromCompact(view, compact)]), block: compact.block, notIndexed, compact, decodeMs };
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
