/**
 * What the indexer serves about Aave v3 and Morpho Blue positions and markets (indexer/src/aave-v3.ts,
 * indexer/src/morpho-blue.ts), typed, and the paths the app asks for. Pure: JSON in (integers as decimal strings),
 * bigints out (lib/indexer.ts parseRow).
 */
import { parseRow } from "./indexer";
import type { PositionEvent } from "../protocols/history";
import type { PositionAction } from "../protocols/preview";

export type LendingProtocol = "aave-v3" | "morpho-blue";
type Hex = `0x${string}`;

export interface IndexedLendingPosition {
  id: string;
  chainId: number;
  protocol: LendingProtocol;
  market: Hex;
  account: Hex;
  supplyShares: bigint;
  borrowShares: bigint;
  collateral: bigint;
  healthFactor: bigint | null;
  collateralBase: bigint | null;
  debtBase: bigint | null;
  events: number;
  openedBlock: bigint | null;
  firstBlock: bigint;
  block: bigint;
}

export interface IndexedLendingEvent {
  id: string;
  protocol: LendingProtocol;
  market: Hex;
  account: Hex;
  kind: string;
  token: Hex;
  amount: bigint;
  shares: bigint | null;
  seizedToken: Hex | null;
  seized: bigint | null;
  badDebt: bigint | null;
  actor: Hex | null;
  healthAfter: bigint | null;
  collateralAfter: bigint | null;
  debtAfter: bigint | null;
  block: bigint;
  timestamp: bigint;
  txHash: Hex;
  logIndex: number;
}

export interface IndexedLendingMarket {
  id: string;
  protocol: LendingProtocol;
  venue: Hex;
  market: Hex;
  totalSupplyAssets: bigint;
  totalSupplyShares: bigint;
  totalBorrowAssets: bigint;
  totalBorrowShares: bigint;
  totalCollateral: bigint;
  liquidityIndex: bigint;
  borrowIndex: bigint;
  supplyRate: bigint;
  borrowRate: bigint;
  suppliedSum: bigint;
  withdrawnSum: bigint;
  borrowedSum: bigint;
  repaidSum: bigint;
  collateralSuppliedSum: bigint;
  collateralWithdrawnSum: bigint;
  liquidatedDebtSum: bigint;
  seizedSum: bigint;
  badDebtSum: bigint;
  interestSum: bigint;
  block: bigint;
  timestamp: bigint;
}

export interface IndexedLendingPoint {
  block: bigint;
  timestamp: bigint;
  totalSupplyAssets: bigint;
  totalBorrowAssets: bigint;
  utilization: bigint;
  supplyRate: bigint;
  borrowRate: bigint;
}

const BIG = new Set([
  "supplyShares",
  "borrowShares",
  "collateral",
  "healthFactor",
  "collateralBase",
  "debtBase",
  "openedBlock",
  "firstBlock",
  "block",
  "timestamp",
  "amount",
  "shares",
  "seized",
  "badDebt",
  "healthAfter",
  "collateralAfter",
  "debtAfter",
  "totalSupplyAssets",
  "totalSupplyShares",
  "totalBorrowAssets",
  "totalBorrowShares",
  "totalCollateral",
  "liquidityIndex",
  "borrowIndex",
  "supplyRate",
  "borrowRate",
  "utilization",
  "suppliedSum",
  "withdrawnSum",
  "borrowedSum",
  "repaidSum",
  "collateralSuppliedSum",
  "collateralWithdrawnSum",
  "liquidatedDebtSum",
  "seizedSum",
  "badDebtSum",
  "interestSum",
]);
type Raw = Record<string, unknown>;

/** The indexer's path for a position's timeline: Aave by pool, Morpho by market id. */
export const lendingPositionPath = (chainId: number, protocol: LendingProtocol, market: string, account: string) =>
  `/lending/${chainId}/${protocol}/${market.toLowerCase()}/positions/${account.toLowerCase()}`;
/** The indexer's path for the accounts of a book: Aave by pool, Morpho by market id. */
export const lendingAccountsPath = (chainId: number, protocol: LendingProtocol, market: string) =>
  `/lending/${chainId}/${protocol}/${market.toLowerCase()}/accounts`;

export interface LendingTimeline {
  position: IndexedLendingPosition | null;
  events: IndexedLendingEvent[];
}

export function parseLendingTimeline(json: unknown): LendingTimeline {
  const j = json as { position?: Raw | null; events?: Raw[] };
  if (!j || !Array.isArray(j.events)) throw new Error("the indexer's position timeline has no events list");
  return {
    position: j.position ? parseRow<IndexedLendingPosition>(j.position, BIG) : null,
    events: j.events.map((e) => parseRow<IndexedLendingEvent>(e, BIG)),
  };
}

export function parseLendingSeries(json: unknown): { market: IndexedLendingMarket | null; points: IndexedLendingPoint[] } {
  const j = json as { market?: Raw | null; points?: Raw[] };
  if (!j || !Array.isArray(j.points)) throw new Error("the indexer's market series has no points list");
  return {
    market: j.market ? parseRow<IndexedLendingMarket>(j.market, BIG) : null,
    points: j.points.map((p) => parseRow<IndexedLendingPoint>(p, BIG)),
  };
}

/** The accounts of a book (checked to be addresses) and the last block the indexer has seen an event of the pool or market in. */
export function parseLendingAccounts(json: unknown): { accounts: Hex[]; throughBlock: bigint } {
  const j = json as { accounts?: unknown[]; block?: unknown };
  if (!j || !Array.isArray(j.accounts)) throw new Error("the indexer's accounts answer has no accounts list");
  if (typeof j.block !== "string" || !/^\d+$/.test(j.block)) throw new Error("the indexer's accounts answer has no block");
  const accounts = j.accounts.map((a) => {
    if (typeof a !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(a)) throw new Error(`the indexer sent ${String(a)} as an account`);
    return a as Hex;
  });
  return { accounts, throughBlock: BigInt(j.block) };
}

const ACTION: Record<string, PositionAction> = {
  Supply: "supply",
  SupplyCollateral: "supply",
  Withdraw: "withdraw",
  WithdrawCollateral: "withdraw",
  Borrow: "borrow",
  Repay: "repay",
};

/**
 * The timeline as the position page's history rows (lib/protocols/history.ts PositionEvent), newest first, like the
 * RPC scan's. A Morpho lender's Supply/Withdraw are the loan token's; a liquidation is shown as what it repaid.
 */
export function historyRows(t: LendingTimeline): (PositionEvent & { liquidation: boolean })[] {
  return t.events
    .map((e) => ({
      blockNumber: e.block,
      logIndex: e.logIndex,
      txHash: e.txHash,
      action: ACTION[e.kind] ?? "repay",
      liquidation: !(e.kind in ACTION),
      token: e.token,
      amount: e.amount,
    }))
    .reverse();
}
