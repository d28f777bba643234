/**
 * The book of an Aave v3 pool or a Morpho Blue market for the risk page: every account the protocol's own events name
 * (Aave: Supply and Borrow `onBehalfOf`; Morpho: SupplyCollateral and Borrow `onBehalf` on the market), read in bounded
 * block ranges (./logs.ts), then every account's position read through Multicall3 at one block, valued by the
 * adapters (./aave-v3/math.ts, ./morpho-blue/math.ts: the protocols' own rules and rounding) and laid out as the
 * RiskBook lib/analytics/stress.ts and the stress worker already compute on.
 *
 * Accounts that entered a position without these events (aTokens received by transfer, Morpho collateral supplied
 * before `fromBlock`) are not found; the page says which blocks were scanned.
 */
import { multicall3Abi, parseAbi, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import type { Deployment, MorphoBlueMarketDeployment } from "../config/deployment";
import { stableColumns, type RiskBook } from "../analytics/risk-book";
import { feedsFrom, feedsRead } from "./account";
import { aavePosition, type AavePosition } from "./aave-v3/math";
import { aaveReads, aaveStateFrom } from "./aave-v3/read";
import { PERCENTAGE_FACTOR } from "./aave-v3/wad-ray-math";
import { WAD, wadToNumber } from "../engine/math";
import { getLogsPaged, LOG_PAGE_BLOCKS, type LogPaging } from "./logs";
import { morphoBlueAbi } from "./morpho-blue/abi";
import { liquidationIncentiveFactor, morphoPosition, type MorphoPosition } from "./morpho-blue/math";
import { morphoReads, morphoStatesFrom, MORPHO_READS_PER_MARKET } from "./morpho-blue/read";
import { MULTICALL3, type ContractRead } from "./read";
import type { PositionToken } from "./types";
import type { BookTarget } from "./book-target";

/** Accounts read per eth_call (each Aave account walks every reserve: ~40k gas a reserve, well under any node's cap). */
export const BOOK_ACCOUNTS_PER_CALL = 200;

const aaveOpenEvents = parseAbi([
  "event Supply(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint16 indexed referralCode)",
  "event Borrow(address indexed reserve, address user, address indexed onBehalfOf, uint256 amount, uint8 interestRateMode, uint256 borrowRate, uint16 indexed referralCode)",
]);
const morphoOpenEvents = parseAbi([
  "event SupplyCollateral(bytes32 indexed id, address indexed caller, address indexed onBehalf, uint256 assets)",
  "event Borrow(bytes32 indexed id, address caller, address indexed onBehalf, address indexed receiver, uint256 assets, uint256 shares)",
]);

type BookDeployment = Pick<Deployment, "chainId" | "aaveV3" | "morphoBlue"> & { contracts: { multicall3?: Address; oracle?: Address } };
type Client = Pick<PublicClient, "getLogs" | "multicall" | "getBlockNumber">;
type Result = { status: "success"; result: unknown } | { status: "failure"; error: Error };

/** One borrowed asset of a book's row and its share (0–1) of the row's debt value. */
export interface BookDebt {
  asset: Address;
  share: number;
}

/** A pool's or market's book: the RiskBook, the positions behind its rows, and how it was read. */
export interface ProtocolBook {
  target: BookTarget;
  name: string;
  book: RiskBook;
  /** The position of each row of `book`. */
  positions: (AavePosition | MorphoPosition)[];
  /**
   * Per row, every asset its debt is in with its share of the row's debt value (empty: no debt) — whose volatilities
   * the liquidation odds fold into the debt side (lib/analytics/liquidation-odds.ts `debtSide`).
   */
  debts: BookDebt[][];
  /** The unit of `book.debt` (Aave: the pool's base currency; Morpho: the loan token). */
  debtUnit: { symbol: string; decimals: number };
  /** The book's columns as tokens (symbols from the protocol). */
  columns: PositionToken[];
  /** The blocks scanned for accounts over RPC (with `indexed`, only those after the indexer's). */
  paging: LogPaging;
  /** When the indexer gave the accounts up to a block: how many, and through which block. */
  indexed?: { accounts: number; throughBlock: bigint };
  /** Distinct accounts the events named (those holding nothing now are not rows). */
  accounts: number;
  /** eth_calls of the reads (one per BOOK_ACCOUNTS_PER_CALL accounts). */
  calls: number;
  blockNumber: bigint;
  timestamp: bigint;
}

/** The Morpho market of `target` in the deployment, or a sentence why there is none. */
function marketOf(d: BookDeployment, marketId: Hex): MorphoBlueMarketDeployment {
  const m = d.morphoBlue?.markets.find((x) => x.id.toLowerCase() === marketId.toLowerCase());
  if (!m) throw new Error(`Morpho market ${marketId} is not listed on chain ${d.chainId}`);
  return m;
}

/** Every account the protocol's Supply/Borrow (Aave) or SupplyCollateral/Borrow (Morpho, this market) events name, in first-seen order. */
export async function bookAccounts(
  client: Pick<PublicClient, "getLogs">,
  d: BookDeployment,
  target: BookTarget,
  fromBlock: bigint,
  toBlock: bigint,
  pageBlocks: bigint = LOG_PAGE_BLOCKS,
): Promise<{ accounts: Address[]; paging: LogPaging }> {
  const seen = new Map<string, Address>();
  const add = (a: Address | undefined) => {
    if (a && !seen.has(a.toLowerCase())) seen.set(a.toLowerCase(), a);
  };
  if (target.protocol === "aave-v3") {
    if (!d.aaveV3) throw new Error(`Aave v3 is not deployed on chain ${d.chainId}`);
    const { logs, paging } = await getLogsPaged(client, { address: d.aaveV3.pool, events: aaveOpenEvents, fromBlock, toBlock }, pageBlocks);
    for (const l of logs) add((l.args as { onBehalfOf?: Address }).onBehalfOf);
    return { accounts: [...seen.values()], paging };
  }
  const m = marketOf(d, target.marketId);
  const { logs, paging } = await getLogsPaged(client, { address: d.morphoBlue!.morpho, events: morphoOpenEvents, fromBlock, toBlock }, pageBlocks);
  for (const l of logs) {
    const a = l.args as { id?: Hex; onBehalf?: Address };
    if (a.id?.toLowerCase() === m.id.toLowerCase()) add(a.onBehalf);
  }
  return { accounts: [...seen.values()], paging };
}

/**
 * The book of `target` at the latest block: accounts from the events from `fromBlock` (paged), then their positions
 * through Multicall3, BOOK_ACCOUNTS_PER_CALL accounts per eth_call, every call at the same block. With `indexed` (the
 * indexer's accounts through a block: lib/indexer-lending.ts), only the blocks after it are scanned and the two merged.
 */
export async function readProtocolBook(
  client: Client,
  d: BookDeployment,
  target: BookTarget,
  fromBlock: bigint,
  opts: { pageBlocks?: bigint; accountsPerCall?: number; blockNumber?: bigint; indexed?: { accounts: Address[]; throughBlock: bigint } } = {},
): Promise<ProtocolBook> {
  const blockNumber = opts.blockNumber ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const known = opts.indexed && opts.indexed.throughBlock <= blockNumber ? opts.indexed : undefined;
  const scanFrom = known && known.throughBlock + 1n > fromBlock ? known.throughBlock + 1n : fromBlock;
  const scanned =
    scanFrom <= blockNumber
      ? await bookAccounts(client, d, target, scanFrom, blockNumber, opts.pageBlocks)
      : { accounts: [], paging: { fromBlock: scanFrom, toBlock: blockNumber, pages: 0 } };
  const paging = scanned.paging;
  const seen = new Set<string>();
  const accounts = [...(known?.accounts ?? []), ...scanned.accounts].filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
  const per = opts.accountsPerCall ?? BOOK_ACCOUNTS_PER_CALL;
  const multicallAddress = d.contracts.multicall3 ?? MULTICALL3;
  const call = async (contracts: ContractRead[]) =>
    (await client.multicall({ contracts, multicallAddress, allowFailure: true, batchSize: 0, blockNumber } as Parameters<
      PublicClient["multicall"]
    >[0])) as unknown as Result[];
  const ok = (r: Result | undefined, what: string) => {
    if (r?.status !== "success") throw new Error(`${what} did not answer on chain ${d.chainId}`);
    return r.result;
  };
  // The shared reads (block timestamp, the pool's reserves or the market, Keel's USD feeds) once, then the accounts.
  const timestampRead: ContractRead = { address: multicallAddress, abi: multicall3Abi, functionName: "getCurrentBlockTimestamp", args: [] };
  const chunks: Address[][] = [];
  for (let i = 0; i < accounts.length; i += per) chunks.push(accounts.slice(i, i + per));

  if (target.protocol === "aave-v3") {
    const aave = d.aaveV3!;
    const [reservesRead] = aaveReads(aave, zeroAddress);
    const userRead = (owner: Address): ContractRead => aaveReads(aave, owner)[1]!;
    const shared = await call([timestampRead, reservesRead!]);
    const timestamp = ok(shared[0], `Multicall3 at ${multicallAddress}`) as bigint;
    const reserves = ok(shared[1], "Aave's UiPoolDataProviderV3");
    const answers = await Promise.all(chunks.map((c) => call(c.map(userRead))));
    const positions: AavePosition[] = [];
    answers.flat().forEach((r, i) => {
      const state = aaveStateFrom([reserves, ok(r, "Aave's UiPoolDataProviderV3")], { chainId: d.chainId, aave, owner: accounts[i]!, timestamp });
      if (state) positions.push(aavePosition(state));
    });
    const reserveList = positions[0]?.state.reserves ?? [];
    // Columns: the reserves some account holds as enabled collateral, in the pool's reserve order.
    const held = new Set(positions.flatMap((p) => p.collaterals.filter((c) => c.enabled).map((c) => c.token.address.toLowerCase())));
    const cols = reserveList.filter((r) => held.has(r.token.address.toLowerCase()));
    const book = layoutBook({
      market: aave.pool,
      positions,
      columns: cols.map((r) => r.token),
      liquidationThreshold: cols.map((r) => Number(r.liquidationThreshold) / Number(PERCENTAGE_FACTOR)),
      maxDiscount: cols.map((r) => Number(r.liquidationBonus - PERCENTAGE_FACTOR) / Number(PERCENTAGE_FACTOR)),
      usdPerUnit: () => WAD,
      // The pool's base currency is USD: a reserve's price in it, per whole token.
      usdPrices: cols.map((r) => Number(r.price) / 10 ** (positions[0]?.valueUnit.decimals ?? 8)),
      symbols: cols.map((r) => r.token.symbol),
    });
    return {
      target,
      name: "Aave v3",
      book,
      positions,
      debts: positions.map((p) =>
        p.totalDebtValue > 0n ? p.debts.map((x) => ({ asset: x.token.address, share: Number(x.value) / Number(p.totalDebtValue) })) : [],
      ),
      debtUnit: positions[0]?.valueUnit ?? { symbol: "USD", decimals: 8 },
      columns: cols.map((r) => r.token),
      paging,
      ...(known ? { indexed: { accounts: known.accounts.length, throughBlock: known.throughBlock } } : {}),
      accounts: accounts.length,
      calls: 1 + chunks.length,
      blockNumber,
      timestamp,
    };
  }

  const m = marketOf(d, target.marketId);
  const morpho = { ...d.morphoBlue!, markets: [m] };
  const marketReads = morphoReads(morpho, zeroAddress);
  const positionRead = (owner: Address): ContractRead => ({
    address: morpho.morpho,
    abi: morphoBlueAbi,
    functionName: "position",
    args: [m.id, owner],
  });
  const feeds = feedsRead(d);
  const shared = await call([timestampRead, ...marketReads, ...feeds]);
  const timestamp = ok(shared[0], `Multicall3 at ${multicallAddress}`) as bigint;
  const market = shared.slice(1, 1 + MORPHO_READS_PER_MARKET);
  const { usdPerToken } = feedsFrom(feeds.length && shared.at(-1)?.status === "success" ? (shared.at(-1) as { result: unknown }).result : undefined);
  const usd = usdPerToken[m.loanToken.toLowerCase()];
  if (usd === undefined)
    throw new Error(`no USD price for the loan token of Morpho ${m.name}: Keel's oracle does not price it on chain ${d.chainId}`);
  if (market.some((r, i) => i !== 0 && r.status !== "success")) throw new Error(`Morpho ${m.name}: the market or its oracle did not answer`);
  const answers = await Promise.all(chunks.map((c) => call(c.map(positionRead))));
  const positions: MorphoPosition[] = [];
  answers.flat().forEach((r, i) => {
    const results = [...market];
    results[2] = r;
    const { states, problems } = morphoStatesFrom(results, { chainId: d.chainId, morpho, owner: accounts[i]!, timestamp });
    // The market's reads answered (above): what failed is this account's position.
    if (problems.length) throw new Error(`Morpho ${m.name}: the position of ${accounts[i]} could not be read`);
    if (states[0]) positions.push(morphoPosition(states[0]));
  });
  const symbolOf = (k: number) => String((market[k] as { result: unknown }).result);
  const decimalsOf = (k: number) => Number((market[k] as { result: unknown }).result);
  const collateral: PositionToken = { address: m.collateralToken, symbol: symbolOf(6), decimals: decimalsOf(7) };
  const loan = { symbol: symbolOf(4), decimals: decimalsOf(5) };
  const lltv = BigInt(m.lltv);
  const book = layoutBook({
    market: m.id as Address,
    positions,
    columns: [collateral],
    liquidationThreshold: [wadToNumber(lltv)],
    maxDiscount: [wadToNumber(liquidationIncentiveFactor(lltv) - WAD)],
    usdPerUnit: () => usd,
  });
  return {
    target,
    name: `Morpho ${m.name}`,
    book,
    positions,
    debts: positions.map((p) => (p.totalDebtValue > 0n ? [{ asset: m.loanToken, share: 1 }] : [])),
    debtUnit: loan,
    columns: [collateral],
    paging,
    ...(known ? { indexed: { accounts: known.accounts.length, throughBlock: known.throughBlock } } : {}),
    accounts: accounts.length,
    calls: 1 + chunks.length,
    blockNumber,
    timestamp,
  };
}

/**
 * The positions as a RiskBook: per row and column the collateral's value and value × its liquidation threshold in
 * force for that account (e-mode included), in USD floats; the health factor is the adapter's (exact, on bigint) and
 * "liquidatable now" is the protocol's rule, HF < 1. The liquidator's discount is the protocol's fixed one.
 */
function layoutBook(x: {
  market: Address;
  positions: (AavePosition | MorphoPosition)[];
  columns: PositionToken[];
  liquidationThreshold: number[];
  maxDiscount: number[];
  /** USD (WAD) per whole value unit of a position. */
  usdPerUnit: (p: AavePosition | MorphoPosition) => bigint;
  /** Each column's price in USD per whole token, and its symbol, when known (RiskBook.stable). */
  usdPrices?: number[];
  symbols?: string[];
}): RiskBook {
  const n = x.positions.length;
  const k = x.columns.length;
  const column = new Map(x.columns.map((c, j) => [c.address.toLowerCase(), j]));
  const debtRise = new Float64Array(n).fill(Infinity);
  const book: RiskBook = {
    market: x.market,
    assets: x.columns.map((c) => c.address),
    liquidationThreshold: Float64Array.from(x.liquidationThreshold),
    maxDiscount: Float64Array.from(x.maxDiscount),
    priceOk: x.columns.map(() => true),
    baseOk: true,
    n,
    k,
    ids: Uint32Array.from({ length: n }, (_, i) => i + 1),
    owners: x.positions.map((p) => p.owner),
    debt: x.positions.map((p) => p.totalDebtValue),
    debtValue: new Float64Array(n),
    value: new Float64Array(n * k),
    liquidationValue: new Float64Array(n * k),
    totalValue: new Float64Array(n),
    totalLiquidationValue: new Float64Array(n),
    healthFactor: new Float64Array(n),
    liquidatableNow: new Uint8Array(n),
    totals: { collateralValue: 0n, debtValue: 0n },
    fixedDiscount: true,
    debtRise,
    ...(x.usdPrices ? { stable: stableColumns(x.usdPrices, x.symbols) } : {}),
  };
  x.positions.forEach((p, i) => {
    const unit = 10n ** BigInt(p.valueUnit.decimals);
    const usd = x.usdPerUnit(p);
    const toUsd = (v: bigint) => (v * usd) / unit;
    for (const c of p.collaterals) {
      if (!c.enabled) continue;
      const j = column.get(c.token.address.toLowerCase())!;
      const v = toUsd(c.value);
      book.value[i * k + j] = wadToNumber(v);
      book.liquidationValue[i * k + j] = wadToNumber((v * c.liquidationThreshold) / WAD);
      book.totalValue[i]! += book.value[i * k + j]!;
      book.totalLiquidationValue[i]! += book.liquidationValue[i * k + j]!;
      book.totals.collateralValue += v;
    }
    // Debt owed in a column's own asset moves with that collateral's price in a scenario (lib/analytics/stress.ts).
    for (const d of p.debts) {
      const j = column.get(d.token.address.toLowerCase());
      if (j === undefined || d.value === 0n) continue;
      book.debtInColumn ??= new Float64Array(n * k);
      book.debtInColumn[i * k + j]! += wadToNumber(toUsd(d.value));
    }
    const debt = toUsd(p.totalDebtValue);
    book.debtValue[i] = wadToNumber(debt);
    // How far each borrowed asset may rise, others held: (L − D) / (Dⱼ − Lⱼ), where what is also held as collateral
    // rises with it; the closest (lib/analytics/stress.ts debtRiseDistance).
    const surplus = book.totalLiquidationValue[i]! - book.debtValue[i]!;
    for (const x of p.debts) {
      const j = column.get(x.token.address.toLowerCase());
      const net = wadToNumber(toUsd(x.value)) - (j === undefined ? 0 : book.liquidationValue[i * k + j]!);
      if (net > 0) debtRise[i] = Math.min(debtRise[i]!, Math.max(0, surplus / net));
    }
    book.totals.debtValue += debt;
    book.healthFactor[i] = p.healthFactor === null ? Infinity : wadToNumber(p.healthFactor);
    book.liquidatableNow[i] = p.healthFactor !== null && p.healthFactor < WAD ? 1 : 0;
  });
  return book;
}
