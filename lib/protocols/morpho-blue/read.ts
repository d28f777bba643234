import { erc20Abi, type Address } from "viem";
import type { MorphoBlueDeployment, MorphoBlueMarketDeployment } from "../../config/deployment";
import type { ContractRead } from "../read";
import { morphoBlueAbi, morphoIrmAbi, morphoOracleAbi } from "./abi";
import type { MorphoMarketState } from "./math";
import { readProblem, type ReadProblem } from "../refusals";

/** Calls per market in morphoReads, in order. */
export const MORPHO_READS_PER_MARKET = 8;

const paramsOf = (m: MorphoBlueMarketDeployment) => ({
  loanToken: m.loanToken,
  collateralToken: m.collateralToken,
  oracle: m.oracle,
  irm: m.irm,
  lltv: BigInt(m.lltv),
});

/**
 * The reads for one account on Morpho markets, per market: `accrueInterest` first — inside the one eth_call it
 * brings the market's totals to the block, exactly as the next transaction will see them — then the market, the
 * position, the oracle's price and both tokens' metadata. (The IRM's rate needs the market as input, so it is
 * read only when an action needs to project the debt: morphoBorrowRate.)
 */
export function morphoReads(morpho: MorphoBlueDeployment, owner: Address): ContractRead[] {
  return morpho.markets.flatMap((m): ContractRead[] => {
    const params = paramsOf(m);
    return [
      { address: morpho.morpho, abi: morphoBlueAbi, functionName: "accrueInterest", args: [params] },
      { address: morpho.morpho, abi: morphoBlueAbi, functionName: "market", args: [m.id] },
      { address: morpho.morpho, abi: morphoBlueAbi, functionName: "position", args: [m.id, owner] },
      { address: m.oracle, abi: morphoOracleAbi, functionName: "price", args: [] },
      { address: m.loanToken, abi: erc20Abi, functionName: "symbol", args: [] },
      { address: m.loanToken, abi: erc20Abi, functionName: "decimals", args: [] },
      { address: m.collateralToken, abi: erc20Abi, functionName: "symbol", args: [] },
      { address: m.collateralToken, abi: erc20Abi, functionName: "decimals", args: [] },
    ];
  });
}

type Result = { status: "success"; result: unknown } | { status: "failure"; error: Error };

/**
 * Decodes morphoReads' results into one state per market where the account has collateral or debt (every market with
 * `includeEmpty`). A market whose
 * oracle fails is reported in `problems` (a Morpho market has no price without it), not silently dropped.
 */
export function morphoStatesFrom(
  results: readonly Result[],
  ctx: { chainId: number; morpho: MorphoBlueDeployment; owner: Address; timestamp: bigint; includeEmpty?: boolean },
): { states: MorphoMarketState[]; problems: ReadProblem[] } {
  const states: MorphoMarketState[] = [];
  const problems: ReadProblem[] = [];
  ctx.morpho.markets.forEach((m, k) => {
    const r = results.slice(k * MORPHO_READS_PER_MARKET, (k + 1) * MORPHO_READS_PER_MARKET);
    const failed = r.findIndex((x, i) => i !== 0 && x.status === "failure");
    if (failed >= 0) {
      problems.push(readProblem(failed === 3 ? "morphoOracle" : "morphoRead", { market: m.name }));
      return;
    }
    const v = r.map((x) => (x.status === "success" ? x.result : undefined));
    const [tsa, tss, tba, tbs, lastUpdate, fee] = v[1] as readonly bigint[];
    const [supplyShares, borrowShares, collateral] = v[2] as readonly bigint[];
    if (
      !ctx.includeEmpty &&
      !morphoHoldsAnything({ position: { supplyShares: supplyShares!, borrowShares: borrowShares!, collateral: collateral! } })
    )
      return;
    states.push({
      chainId: ctx.chainId,
      morpho: ctx.morpho.morpho,
      id: m.id,
      name: `Morpho ${m.name}`,
      owner: ctx.owner,
      timestamp: ctx.timestamp,
      params: paramsOf(m),
      loanToken: { address: m.loanToken, symbol: String(v[4]), decimals: Number(v[5]) },
      collateralToken: { address: m.collateralToken, symbol: String(v[6]), decimals: Number(v[7]) },
      market: {
        totalSupplyAssets: tsa!,
        totalSupplyShares: tss!,
        totalBorrowAssets: tba!,
        totalBorrowShares: tbs!,
        lastUpdate: lastUpdate!,
        fee: fee!,
      },
      price: v[3] as bigint,
      position: { supplyShares: supplyShares!, borrowShares: borrowShares!, collateral: collateral! },
    });
  });
  return { states, problems };
}

/** Whether the account has collateral or debt on the market (a lender's supply is not a position Keel manages). */
export function morphoHoldsAnything(s: Pick<MorphoMarketState, "position">): boolean {
  return s.position.collateral > 0n || s.position.borrowShares > 0n;
}

/** The IRM's current borrow rate for the state's market (per second, WAD): what a full repay's approval projects with. */
export async function morphoBorrowRate(
  client: {
    readContract: (args: {
      address: Address;
      abi: typeof morphoIrmAbi;
      functionName: "borrowRateView";
      args: readonly unknown[];
    }) => Promise<unknown>;
  },
  s: MorphoMarketState,
): Promise<MorphoMarketState> {
  const m = s.market;
  const market = {
    totalSupplyAssets: m.totalSupplyAssets,
    totalSupplyShares: m.totalSupplyShares,
    totalBorrowAssets: m.totalBorrowAssets,
    totalBorrowShares: m.totalBorrowShares,
    lastUpdate: m.lastUpdate,
    fee: m.fee,
  };
  const rate = (await client.readContract({
    address: s.params.irm,
    abi: morphoIrmAbi,
    functionName: "borrowRateView",
    args: [s.params, market],
  })) as bigint;
  return { ...s, borrowRate: rate };
}
