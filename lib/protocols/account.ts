import { multicall3Abi, type Address, type PublicClient } from "viem";
import { keelLensAbi } from "../../contracts-abi/abi/KeelLens";
import { keelOracleAbi } from "../../contracts-abi/abi/KeelOracle";
import { findMarket, type Deployment } from "../config/deployment";
import type { LensMarket, LensVault } from "../read/vaults";
import { usablePrice } from "../read/oracle";
import { aaveHoldsAnything, aaveReads, aaveStateFrom } from "./aave-v3/read";
import { aavePosition, type AaveAccountState, type AavePosition } from "./aave-v3/math";
import { morphoHoldsAnything, morphoReads, morphoStatesFrom } from "./morpho-blue/read";
import { morphoPosition, type MorphoMarketState, type MorphoPosition } from "./morpho-blue/math";
import { MULTICALL3, type ContractRead } from "./read";
import { readProblem, type ReadProblem } from "./refusals";

/** A Keel market as the lens describes it, named as the deployment names it. */
export type NamedLensMarket = LensMarket & { name: string };

/** Everything one account holds on one chain, read in one eth_call. */
export interface AccountRead {
  chainId: number;
  timestamp: bigint;
  /** Keel vaults from the lens (null: the chain has no lens or no market). */
  keel: readonly LensVault[] | null;
  /**
   * Every Keel market of the deployment as the lens describes it, with the deployment's name for it (the lens carries
   * none; null with `keel`): what makes a vault a position (lib/protocols/keel/read.ts).
   */
  keelMarkets: readonly NamedLensMarket[] | null;
  /** The account on the Aave pool — its reserves even when it holds nothing there (null: no Aave on this chain or unreadable). */
  aave: AaveAccountState | null;
  /** One state per listed Morpho market, held or not. */
  morpho: MorphoMarketState[];
  /**
   * USD per whole token (WAD) of every token Keel's oracle prices with a usable answer (lower-case address): how a
   * Morpho position's loan-token values become USD. Absent: no feed, or its answer is not usable now.
   */
  usdPerToken: Record<string, bigint>;
  /**
   * KeelOracle's status of each token's feed (lib/read/oracle.ts FEED_STATUS; 0 = ok). Locally Aave's oracle and Morpho's
   * read the same feeds, so a stale feed here is a stale price there: the app sends no borrow or withdraw against it.
   */
  feedStatus: Record<string, number>;
  /** What could not be read, in words (the rest is still shown). */
  problems: ReadProblem[];
}

type Result = { status: "success"; result: unknown } | { status: "failure"; error: Error };
type AccountDeployment = Pick<Deployment, "chainId" | "aaveV3" | "morphoBlue" | "markets"> & {
  contracts: { multicall3?: Address; lens?: Address; oracle?: Address };
};

/** The sub-calls of readAccount, in order, with the slices each part of the answer comes from. */
export function accountReads(d: AccountDeployment, owner: Address) {
  const multicall = d.contracts.multicall3 ?? MULTICALL3;
  const markets = d.markets.map((m) => m.address);
  const keel: ContractRead[] =
    d.contracts.lens && d.markets.length > 0
      ? [
          { address: d.contracts.lens, abi: keelLensAbi, functionName: "getAccount", args: [markets, owner] },
          { address: d.contracts.lens, abi: keelLensAbi, functionName: "getMarkets", args: [markets] },
        ]
      : [];
  const aave = d.aaveV3 ? aaveReads(d.aaveV3, owner) : [];
  const morpho = d.morphoBlue ? morphoReads(d.morphoBlue, owner) : [];
  const feeds = feedsRead(d);
  const contracts: ContractRead[] = [
    { address: multicall, abi: multicall3Abi, functionName: "getCurrentBlockTimestamp", args: [] },
    ...keel,
    ...aave,
    ...morpho,
    ...feeds,
  ];
  return { multicall, contracts, sizes: { keel: keel.length, aave: aave.length, morpho: morpho.length, feeds: feeds.length } };
}

/**
 * Everything `owner` holds on one chain — Keel vaults and their markets (the lens), the Aave account and every listed Morpho market,
 * with the USD price of each Morpho loan token — in ONE eth_call: Multicall3's `aggregate3`, failures allowed per
 * sub-call and reported in `problems`. The dashboard and the position pages share it (one read per chain per block).
 */
export async function readAccount(
  client: Pick<PublicClient, "multicall">,
  d: AccountDeployment,
  owner: Address,
  blockNumber?: bigint,
): Promise<AccountRead> {
  const { multicall, contracts, sizes } = accountReads(d, owner);
  const results = (await client.multicall({
    contracts,
    multicallAddress: multicall,
    allowFailure: true,
    batchSize: 0,
    ...(blockNumber !== undefined ? { blockNumber } : {}),
  } as Parameters<PublicClient["multicall"]>[0])) as unknown as Result[];
  const first = results[0]!;
  if (first.status !== "success") throw new Error(`Multicall3 at ${multicall} did not answer on chain ${d.chainId}`);
  const timestamp = first.result as bigint;
  const problems: ReadProblem[] = [];
  let at = 1;
  const take = (n: number) => {
    const r = results.slice(at, at + n);
    at += n;
    return r;
  };
  const keelR = take(sizes.keel);
  let keel: readonly LensVault[] | null = null;
  let keelMarkets: readonly NamedLensMarket[] | null = null;
  if (keelR.length) {
    const [vaults, markets] = keelR as [Result, Result];
    if (vaults.status === "success" && markets.status === "success") {
      keel = vaults.result as readonly LensVault[];
      keelMarkets = (markets.result as readonly LensMarket[]).map((m) => ({ ...m, name: findMarket(d, m.market)?.name ?? "Keel market" }));
    } else problems.push(readProblem("keelLens"));
  }
  const aaveR = take(sizes.aave);
  let aave: AaveAccountState | null = null;
  if (d.aaveV3) {
    if (aaveR.every((x) => x.status === "success")) {
      aave = aaveStateFrom(
        aaveR.map((x) => (x as { result: unknown }).result),
        { chainId: d.chainId, aave: d.aaveV3, owner, timestamp, includeEmpty: true },
      );
    } else problems.push(readProblem("aavePool"));
  }
  const morphoR = take(sizes.morpho);
  let morpho: MorphoMarketState[] = [];
  if (d.morphoBlue) {
    const r = morphoStatesFrom(morphoR, { chainId: d.chainId, morpho: d.morphoBlue, owner, timestamp, includeEmpty: true });
    morpho = r.states;
    problems.push(...r.problems);
  }
  const [peek] = take(sizes.feeds);
  const { usdPerToken, feedStatus } = feedsFrom(peek?.status === "success" ? peek.result : undefined);
  if (peek && peek.status !== "success") problems.push(readProblem("keelOracle"));
  return { chainId: d.chainId, timestamp, keel, keelMarkets, aave, morpho, usdPerToken, feedStatus, problems };
}

/** The oracle's feeds call (KeelOracle.peekAll) when the deployment has Keel's oracle: one sub-call of a batch. */
export function feedsRead(d: { contracts: { oracle?: Address } }): ContractRead[] {
  return d.contracts.oracle ? [{ address: d.contracts.oracle, abi: keelOracleAbi, functionName: "peekAll", args: [] }] : [];
}

/** KeelOracle.peekAll's answer (undefined: not read or failed) as USD per token and feed status, by lower-case address. */
export function feedsFrom(peek: unknown): Pick<AccountRead, "usdPerToken" | "feedStatus"> {
  const usdPerToken: Record<string, bigint> = {};
  const feedStatus: Record<string, number> = {};
  for (const f of (peek ?? []) as readonly { asset: Address; price: bigint; status: number }[]) {
    const token = f.asset.toLowerCase();
    feedStatus[token] = Number(f.status);
    const price = usablePrice({ price: f.price, status: Number(f.status) });
    if (price !== null) usdPerToken[token] = price;
  }
  return { usdPerToken, feedStatus };
}

/** An account's Aave and Morpho positions in the adapters' model (lib/protocols/types.ts Position). */
export interface ProtocolPositions {
  timestamp: bigint;
  blockNumber?: bigint;
  aave: AavePosition | null;
  morpho: MorphoPosition[];
  /** A protocol or market that could not be read, in words (its positions are missing from the lists). */
  problems: ReadProblem[];
  /** KeelOracle's usable USD prices (WAD per whole token) by lower-case address: a Morpho value's USD (lib/protocols/view.ts usdPerValueUnit). */
  usdPerToken: Record<string, bigint>;
}

/**
 * The positions of an account read: Aave's (null when it holds nothing there) and each Morpho market's where it has
 * collateral or debt — every listed one with `includeEmpty` (Multiply and the actions open positions there).
 */
export function protocolPositionsOf(r: AccountRead, opts: { includeEmpty?: boolean } = {}): Omit<ProtocolPositions, "blockNumber"> {
  return {
    timestamp: r.timestamp,
    aave: r.aave && (opts.includeEmpty || aaveHoldsAnything(r.aave)) ? aavePosition(r.aave) : null,
    morpho: r.morpho.filter((s) => opts.includeEmpty || morphoHoldsAnything(s)).map(morphoPosition),
    problems: r.problems,
    usdPerToken: r.usdPerToken,
  };
}

/** readAccount (the one eth_call) seen as the account's Aave and Morpho positions: protocolPositionsOf. */
export async function readProtocolPositions(
  client: Pick<PublicClient, "multicall">,
  d: AccountDeployment,
  owner: Address,
  blockNumber?: bigint,
  opts: { includeEmpty?: boolean } = {},
): Promise<ProtocolPositions> {
  const r = await readAccount(client, d, owner, blockNumber);
  return { ...protocolPositionsOf(r, opts), ...(blockNumber !== undefined ? { blockNumber } : {}) };
}
