/**
 * The risk model's inputs for every listed collateral of a deployment's markets, read from the chain — one function
 * for the steward agent and the /risk page, so both show and act on the same figures:
 * - volatility: the EWMA (lib/analytics/volatility.ts, half-life one day) of the collateral feed's last rounds
 *   (KeelLens.getFeedHistory), plus the debt asset's when it is not a stablecoin (the conservative sum
 *   lib/analytics/liquidation-odds.ts uses: perfectly anti-correlated);
 * - liquidation time: the collateral feed's heartbeat (the longest the engine's price can lag) + the blocks the keeper
 *   needs to liquidate every vault holding the collateral at once (inputs.ts), at the chain's block time and gas limit;
 * - pool cost: selling the three largest positions' collateral at once into the Uniswap V2 pool the swap adapter uses.
 */
import { zeroAddress, type Address, type PublicClient } from "viem";
import { iUniswapV2FactoryAbi } from "../../contracts-abi/abi/IUniswapV2Factory";
import { iUniswapV2PairAbi } from "../../contracts-abi/abi/IUniswapV2Pair";
import { keelLensAbi } from "../../contracts-abi/abi/KeelLens";
import { keelMarketAbi } from "../../contracts-abi/abi/KeelMarket";
import { keelOracleAbi } from "../../contracts-abi/abi/KeelOracle";
import { uniswapV2AdapterAbi } from "../../contracts-abi/abi/UniswapV2Adapter";
import { poolFor } from "../engine/amm";
import type { Deployment } from "../config/deployment";
import { ewmaVolatility, ewmaVolatilitySeries, type EwmaPoint } from "../analytics/volatility";
import { liquidationImpact, liquidationSeconds } from "./inputs";
import type { ModelInputs } from "./model";
import { sameAddress } from "../config/address";

/** Feed rounds read per asset. */
export const STEWARD_HISTORY_ROUNDS = 500;
/** Vaults read per market for the largest positions (the lens book's first page). */
export const STEWARD_BOOK_VAULTS = 2_000;

/** Stablecoins (symbol starting with USD) are taken as the debt asset's fixed unit: no volatility added. */
const isStableSymbol = (symbol: string) => symbol.startsWith("USD");

export interface CollateralInputs extends ModelInputs {
  market: Address;
  asset: Address;
  symbol: string;
  /** How the inputs were made. */
  positions: number;
  heartbeat: number;
  blockSeconds: number;
  /** The collateral's parameters now (WAD). */
  current: { ltv: bigint; liquidationThreshold: bigint; maxDiscount: bigint };
  /** EWMA volatility of the collateral's feed over its history (for the chart). */
  series: EwmaPoint[];
}

type Reader = Pick<PublicClient, "readContract" | "getBlock">;

/**
 * Reads every input; a collateral whose volatility the history cannot give yet gets `sigma` NaN, one without a pool the
 * adapter trades `priceImpact` NaN (no recommendation for either).
 */
export async function readCollateralInputs(client: Reader, deployment: Deployment, rounds = STEWARD_HISTORY_ROUNDS): Promise<CollateralInputs[]> {
  const lens = deployment.contracts.lens;
  if (!lens) throw new Error(`chain ${deployment.chainId}: the deployment has no lens`);
  const symbolOf = (a: string) => deployment.assets.find((x) => sameAddress(x.address, a))?.symbol ?? a;
  const history = await client.readContract({
    address: lens,
    abi: keelLensAbi,
    functionName: "getFeedHistory",
    args: [deployment.assets.map((a) => a.feed), BigInt(rounds)],
  });
  const byAsset = new Map(deployment.assets.map((a, i) => [a.address.toLowerCase(), history[i] ?? []]));
  const sigmaOf = (a: string) => ewmaVolatility(byAsset.get(a.toLowerCase()) ?? [])?.annual ?? NaN;
  const latest = await client.getBlock();
  const past = await client.getBlock({ blockNumber: latest.number > 100n ? latest.number - 100n : 0n });
  const blockSeconds = Math.max(1, Number(latest.timestamp - past.timestamp) / Math.max(1, Number(latest.number - past.number)));
  const adapter = deployment.contracts.swapAdapter;
  // A swap adapter that is not UniswapV2Adapter has no factory(): no pool to measure (priceImpact NaN).
  const factory = adapter
    ? await client.readContract({ address: adapter, abi: uniswapV2AdapterAbi, functionName: "factory" }).catch(() => null)
    : null;
  const out: CollateralInputs[] = [];
  for (const m of deployment.markets) {
    const [assets, book] = await Promise.all([
      client.readContract({ address: m.address, abi: keelMarketAbi, functionName: "collateralAssets" }),
      client.readContract({ address: lens, abi: keelLensAbi, functionName: "getVaultBook", args: [m.address, 0n, BigInt(STEWARD_BOOK_VAULTS)] }),
    ]);
    const [owners, , amounts] = book;
    const baseSigma = isStableSymbol(symbolOf(m.baseAsset)) ? 0 : sigmaOf(m.baseAsset);
    for (const [k, asset] of assets.entries()) {
      const [info, feed] = await Promise.all([
        client.readContract({ address: m.address, abi: keelMarketAbi, functionName: "collateralInfo", args: [asset] }),
        client.readContract({ address: deployment.contracts.oracle, abi: keelOracleAbi, functionName: "peek", args: [asset] }),
      ]);
      const held = owners.map((_, i) => amounts[i * assets.length + k] ?? 0n).filter((x) => x > 0n);
      let priceImpact = NaN;
      if (factory) {
        const pair = await client.readContract({ address: factory, abi: iUniswapV2FactoryAbi, functionName: "getPair", args: [asset, m.baseAsset] });
        if (pair !== zeroAddress) {
          const [[r0, r1], token0] = await Promise.all([
            client.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
            client.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "token0" }),
          ]);
          const pool = poolFor(m.baseAsset, token0, r0, r1);
          priceImpact = liquidationImpact({ reserveIn: pool.reserveCollateral, reserveOut: pool.reserveBase }, held);
        }
      }
      const heartbeat = Number(feed.heartbeat);
      out.push({
        market: m.address,
        asset,
        symbol: symbolOf(asset),
        sigma: sigmaOf(asset) + baseSigma,
        liquidationSeconds: liquidationSeconds({ positions: held.length, blockGasLimit: latest.gasLimit, blockSeconds, oracleLagSeconds: heartbeat }),
        priceImpact,
        positions: held.length,
        heartbeat,
        blockSeconds,
        current: { ltv: info.ltv, liquidationThreshold: info.liquidationThreshold, maxDiscount: info.maxDiscount },
        series: ewmaVolatilitySeries(byAsset.get(asset.toLowerCase()) ?? []),
      });
    }
  }
  return out;
}
