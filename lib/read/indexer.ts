/**
 * What the indexer serves, typed, and what the app makes of it: a vault's timeline as rows to show, its interest and
 * P&L, and the CSV exports. Pure: the JSON (integers as decimal strings) comes in, bigints and text come out.
 * Health factors and values are the lens's own (the indexer reads them at each event's block); formatting is
 * lib/view/format.ts's.
 */
import type { Deployment } from "../config/deployment";
import { findAsset } from "../config/deployment";
import { formatUnitsFixed, type Formatter } from "../view/format";
import { INFINITE_HEALTH } from "../engine/health";
import { sameAddress } from "../config/address";

/** Where the app's server reaches the indexer (`KEEL_INDEXER_URL`; `npm run dev` sets it), or null when none is set. */
export function indexerUrl(env: Record<string, string | undefined>): string | null {
  const url = env.KEEL_INDEXER_URL;
  if (!url) return null;
  return url.replace(/\/+$/, "");
}

/**
 * The app's path to the indexer's compact book of `market` (the /api/indexer proxy: app/api/indexer/[...path]/route.ts).
 * /risk preloads it in its HTML for the market it opens first and fetches it from hooks/use-risk-book.ts.
 */
export const indexerBookPath = (chainId: number, market: string) => `/api/indexer/book/${chainId}/${market}`;

export interface IndexedVault {
  id: string;
  chainId: number;
  market: `0x${string}`;
  vaultId: bigint;
  owner: `0x${string}`;
  openedBlock: bigint;
  debt: bigint;
  collateralValue: bigint;
  debtValue: bigint;
  healthFactor: bigint;
  pricesOk: boolean;
  borrowed: bigint;
  repaid: bigint;
  badDebt: bigint;
  depositedUsd: bigint;
  withdrawnUsd: bigint;
  borrowedUsd: bigint;
  repaidUsd: bigint;
  block: bigint;
}

export interface IndexedVaultEvent {
  id: string;
  kind: string;
  block: bigint;
  timestamp: bigint;
  txHash: `0x${string}`;
  logIndex: number;
  actor: `0x${string}` | null;
  asset: `0x${string}` | null;
  amount: bigint | null;
  baseAmount: bigint | null;
  price: bigint | null;
  detail: string | null;
  healthBefore: bigint | null;
  healthAfter: bigint;
  collateralValueBefore: bigint | null;
  collateralValueAfter: bigint;
  debtBefore: bigint | null;
  debtAfter: bigint;
}

export interface IndexedLiquidation {
  id: string;
  chainId: number;
  market: `0x${string}`;
  vaultId: bigint;
  liquidator: `0x${string}`;
  asset: `0x${string}`;
  repaid: bigint;
  seized: bigint;
  discount: bigint;
  price: bigint | null;
  block: bigint;
  timestamp: bigint;
  txHash: `0x${string}`;
}

export interface IndexedMarketPoint {
  block: bigint;
  timestamp: bigint;
  totalSupplied: bigint;
  totalBorrows: bigint;
  totalReserves: bigint;
  totalBadDebt: bigint;
  utilization: bigint;
  borrowRate: bigint;
  supplyRate: bigint;
}

type Raw = Record<string, unknown>;
const BIG = new Set([
  "vaultId",
  "openedBlock",
  "debt",
  "collateralValue",
  "debtValue",
  "healthFactor",
  "borrowed",
  "repaid",
  "badDebt",
  "depositedUsd",
  "withdrawnUsd",
  "borrowedUsd",
  "repaidUsd",
  "block",
  "timestamp",
  "amount",
  "baseAmount",
  "price",
  "healthBefore",
  "healthAfter",
  "collateralValueBefore",
  "collateralValueAfter",
  "debtBefore",
  "debtAfter",
  "seized",
  "discount",
  "totalSupplied",
  "totalBorrows",
  "totalReserves",
  "totalBadDebt",
  "utilization",
  "borrowRate",
  "supplyRate",
]);

/** A row of the indexer's JSON with its integer fields (`big`: decimal strings) as bigints; null stays null. */
export function parseRow<T>(raw: Raw, big: ReadonlySet<string> = BIG): T {
  const out: Raw = {};
  for (const [k, v] of Object.entries(raw)) {
    if (big.has(k) && typeof v === "string") {
      if (!/^-?\d+$/.test(v)) throw new Error(`indexer sent ${k} = "${v}", not an integer`);
      out[k] = BigInt(v);
    } else out[k] = v;
  }
  return out as T;
}

export interface VaultTimeline {
  vault: IndexedVault | null;
  events: IndexedVaultEvent[];
}

export function parseVaultTimeline(json: unknown): VaultTimeline {
  const j = json as { vault?: Raw | null; events?: Raw[] };
  if (!j || !Array.isArray(j.events)) throw new Error("the indexer's vault timeline has no events list");
  return { vault: j.vault ? parseRow<IndexedVault>(j.vault) : null, events: j.events.map((e) => parseRow<IndexedVaultEvent>(e)) };
}

/**
 * A position's costs and gains from its timeline's running totals, USD at each event's prices (WAD):
 * - `interestPaid`: base units of interest the vault was charged = repaid (by anyone) + written off + owed now − borrowed;
 * - `realisedPnl`: cash the owner took out (collateral withdrawn, debt borrowed) − cash put in (collateral deposited,
 *   debt repaid); a liquidation moves no cash, its cost shows in the position's value;
 * - `totalPnl`: realised + what the position is worth now (collateral − debt).
 */
export function positionResult(v: IndexedVault) {
  const interestPaid = v.repaid + v.badDebt + v.debt - v.borrowed;
  const realisedPnl = v.withdrawnUsd + v.borrowedUsd - v.depositedUsd - v.repaidUsd;
  return { interestPaid: interestPaid > 0n ? interestPaid : 0n, realisedPnl, totalPnl: realisedPnl + v.collateralValue - v.debtValue };
}

/**
 * The words a timeline's rows are written in: the reader's formatter, the name of each event kind (messages/*.json
 * `charts.event`, keyed by `timelineKindKey`) and what stands for a health factor with no price.
 */
export interface TimelineWords {
  f: Formatter;
  kind: (key: string) => string;
  noPrice: string;
}

/** An event kind as a message key: `RuleExecuted:StopLoss` → `RuleExecuted_StopLoss` (ICU select keys take no colon). */
export const timelineKindKey = (kind: string) => kind.replace(/:/g, "_");

export interface TimelineRow {
  key: string;
  block: bigint;
  timestamp: bigint;
  txHash: `0x${string}`;
  label: string;
  /** What moved: `1.5 WETH`, `1,000 USDC`, or both for a liquidation or a rule execution. */
  amounts: string;
  /** USD per token of what moved (`$3,000.00`), or "" when unpriced. */
  price: string;
  health: string;
  collateralValue: string;
  debt: string;
  liquidation: boolean;
}

/** The timeline as rows to show, newest first, in the reader's words, amounts with the deployment's symbols and decimals. */
export function timelineRows(t: VaultTimeline, deployment: Deployment, baseAsset: `0x${string}`, words: TimelineWords): TimelineRow[] {
  const { f } = words;
  const base = findAsset(deployment, baseAsset);
  const token = (asset: string | null, amount: bigint | null) => {
    if (amount === null) return "";
    const a = asset ? findAsset(deployment, asset) : base;
    return a ? `${f.unitsFixed(amount, a.decimals, 6)} ${a.symbol}` : f.unitsFixed(amount, 0);
  };
  const usd = (wad: bigint) => f.usd(wad);
  const hf = (v: bigint | null) => (v === null ? "" : v === 0n ? words.noPrice : f.healthFactor(v));
  return [...t.events].reverse().map((e) => ({
    key: e.id,
    block: e.block,
    timestamp: e.timestamp,
    txHash: e.txHash,
    label: words.kind(timelineKindKey(e.kind)),
    amounts: [token(e.asset, e.amount), token(null, e.baseAmount)].filter(Boolean).join(" · "),
    price: e.price === null ? "" : usd(e.price),
    health: e.healthBefore === null ? hf(e.healthAfter) : `${hf(e.healthBefore)} → ${hf(e.healthAfter)}`,
    collateralValue: `${e.collateralValueBefore === null ? "" : `${usd(e.collateralValueBefore)} → `}${usd(e.collateralValueAfter)}`,
    debt: token(null, e.debtAfter),
    liquidation: e.kind === "Liquidated",
  }));
}

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(field).join(",")).join("\r\n") + "\r\n";
const iso = (ts: bigint) => new Date(Number(ts) * 1000).toISOString();
/** An exact decimal (no grouping) of `value` with `decimals` decimals. */
const dec = (value: bigint | null, decimals: number) => (value === null ? "" : formatUnitsFixed(value, decimals, decimals).replace(/,/g, ""));
const hfCsv = (v: bigint | null) => (v === null ? "" : v === INFINITE_HEALTH ? "inf" : dec(v, 18));

/** A position's history as CSV: one line per event, amounts as exact decimals, prices and values in USD. */
export function vaultTimelineCsv(t: VaultTimeline, deployment: Deployment, baseAsset: `0x${string}`): string {
  const base = findAsset(deployment, baseAsset);
  const header = [
    "block",
    "time_utc",
    "tx",
    "event",
    "actor",
    "asset",
    "amount",
    "base_amount",
    "price_usd",
    "health_before",
    "health_after",
    "collateral_value_usd_before",
    "collateral_value_usd_after",
    "debt_before",
    "debt_after",
    "detail",
  ];
  const lines = t.events.map((e) => {
    const a = e.asset ? findAsset(deployment, e.asset) : undefined;
    return [
      e.block.toString(),
      iso(e.timestamp),
      e.txHash,
      e.kind,
      e.actor ?? "",
      a?.symbol ?? e.asset ?? "",
      dec(e.amount, a?.decimals ?? 0),
      dec(e.baseAmount, base?.decimals ?? 0),
      dec(e.price, 18),
      hfCsv(e.healthBefore),
      hfCsv(e.healthAfter),
      dec(e.collateralValueBefore, 18),
      dec(e.collateralValueAfter, 18),
      dec(e.debtBefore, base?.decimals ?? 0),
      dec(e.debtAfter, base?.decimals ?? 0),
      e.detail ?? "",
    ];
  });
  return csv([header, ...lines]);
}

/** Liquidations as CSV, newest first as served. */
export function liquidationsCsv(rows: IndexedLiquidation[], deployments: Deployment[]): string {
  const header = ["chain_id", "market", "vault_id", "block", "time_utc", "tx", "liquidator", "asset", "seized", "repaid", "discount", "price_usd"];
  const lines = rows.map((l) => {
    const d = deployments.find((x) => x.chainId === l.chainId);
    const m = d?.markets.find((x) => sameAddress(x.address, l.market));
    const a = d ? findAsset(d, l.asset) : undefined;
    const b = d && m ? findAsset(d, m.baseAsset) : undefined;
    return [
      String(l.chainId),
      m?.name ?? l.market,
      l.vaultId.toString(),
      l.block.toString(),
      iso(l.timestamp),
      l.txHash,
      l.liquidator,
      a?.symbol ?? l.asset,
      dec(l.seized, a?.decimals ?? 0),
      dec(l.repaid, b?.decimals ?? 0),
      dec(l.discount, 18),
      dec(l.price, 18),
    ];
  });
  return csv([header, ...lines]);
}
