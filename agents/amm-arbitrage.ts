import { maxUint256, zeroAddress, type Address } from "viem";
import { devErc20Abi, devPriceFeedAbi, iUniswapV2FactoryAbi, iUniswapV2PairAbi, uniswapV2AdapterAbi } from "../contracts-abi";
import { arbitrageTrade, reservesFrom } from "../lib/engine/amm";
import type { DeployedAsset, Deployment } from "../lib/config/deployment";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { clientsFor } from "../lib/server/clients";

export interface PoolState {
  pair: Address;
  a: DeployedAsset;
  b: DeployedAsset;
}

/** Every Uniswap V2 pool of the local deployment's factory between two of its assets. */
export async function findPools(rpcUrl: string, deployment: Deployment): Promise<PoolState[]> {
  const factory = deployment.dev?.uniswapV2?.factory;
  if (!factory) return [];
  const { publicClient } = clientsFor(rpcUrl, deployment.chainId, AGENT_KEYS.marketMaker);
  const pools: PoolState[] = [];
  const assets = deployment.assets;
  for (let i = 0; i < assets.length; i++) {
    for (let j = i + 1; j < assets.length; j++) {
      const pair = await publicClient.readContract({
        address: factory,
        abi: iUniswapV2FactoryAbi,
        functionName: "getPair",
        args: [assets[i]!.address, assets[j]!.address],
      });
      if (pair !== zeroAddress) pools.push({ pair, a: assets[i]!, b: assets[j]! });
    }
  }
  return pools;
}

/**
 * The local chain's arbitrageur (anvil #5, the market maker): moves each pool's price back to the feeds' prices by
 * trading through the swap adapter, minting the dev tokens it sells (an arbitrageur with deep inventory). Returns the
 * trades it made. Pools already within `toleranceBps` of the oracle are left alone.
 */
export async function alignPools(opts: { rpcUrl: string; deployment: Deployment; pools: PoolState[]; toleranceBps?: bigint }) {
  const { deployment, pools } = opts;
  const adapter = deployment.contracts.swapAdapter;
  if (!adapter || pools.length === 0) return [];
  const c = clientsFor(opts.rpcUrl, deployment.chainId, AGENT_KEYS.marketMaker);
  const me = c.account.address;
  const price = async (asset: DeployedAsset) => {
    const [, answer] = await c.publicClient.readContract({ address: asset.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
    return answer;
  };
  const trades: { pair: Address; sold: string; amountIn: bigint }[] = [];
  for (const pool of pools) {
    const [pa, pb, reserves, token0] = await Promise.all([
      price(pool.a),
      price(pool.b),
      c.publicClient.readContract({ address: pool.pair, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
      c.publicClient.readContract({ address: pool.pair, abi: iUniswapV2PairAbi, functionName: "token0" }),
    ]);
    const [rA, rB] = reservesFrom(pool.a.address, token0, reserves[0], reserves[1]);
    // Target: units of b per unit of a = (pa / pb) × 10^(decB − decA); both feeds have the same decimals.
    const trade = arbitrageTrade(rA, rB, pa * 10n ** BigInt(pool.b.decimals), pb * 10n ** BigInt(pool.a.decimals), opts.toleranceBps ?? 10n);
    if (!trade || trade.amountIn <= 0n) continue;
    const [sell, buy] = trade.sell === "A" ? [pool.a, pool.b] : [pool.b, pool.a];
    await c.send({ address: sell.address, abi: devErc20Abi, functionName: "mint", args: [me, trade.amountIn] });
    const allowance = await c.publicClient.readContract({ address: sell.address, abi: devErc20Abi, functionName: "allowance", args: [me, adapter] });
    if (allowance < trade.amountIn) {
      await c.send({ address: sell.address, abi: devErc20Abi, functionName: "approve", args: [adapter, maxUint256] });
    }
    await c.send({
      address: adapter,
      abi: uniswapV2AdapterAbi,
      functionName: "swapExactIn",
      args: [sell.address, buy.address, trade.amountIn, 0n, me],
    });
    trades.push({ pair: pool.pair, sold: sell.symbol, amountIn: trade.amountIn });
  }
  return trades;
}
