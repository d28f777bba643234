import { parseUnits, type Address } from "viem";
import {
  devErc20Abi,
  devPriceFeedAbi,
  keelLensAbi,
  keelGuardAbi,
  keelLeverageRouterAbi,
  keelLiquidatorAbi,
  keelLenderVaultAbi,
  keelMarketAbi,
  keelRiskAdminAbi,
  uniswapV2AdapterAbi,
} from "../../contracts-abi";
import { SECONDS_PER_YEAR, type DeployConfig } from "../../lib/config/deploy-config";
import type { DeployedAsset, DeployedMarket, Deployment } from "../../lib/config/deployment";
import { bytecodeOf } from "./artifacts";
import type { clientsFor } from "../../lib/server/clients";
import { sameAddress } from "../../lib/config/address";

type Clients = ReturnType<typeof clientsFor>;
const wad = (x: string) => parseUnits(x, 18);

/** What the chain says about the config's tokens and feeds, read before anything is sent. */
export interface Preflight {
  tokens: Map<string, { name: string; decimals: number }>;
  feeds: Map<string, { decimals: number; answer: bigint; updatedAt: bigint }>;
  problems: string[];
}

/**
 * Reads every token and feed of the config (decimals, name, latest round) and checks them against it: a token or
 * feed that does not answer, or a feed whose answer is outside its configured bounds, is a problem. Sends nothing.
 */
export async function preflight(c: Clients, config: DeployConfig): Promise<Preflight> {
  const tokens: Preflight["tokens"] = new Map();
  const feeds: Preflight["feeds"] = new Map();
  const problems: string[] = [];
  const chainId = await c.publicClient.getChainId();
  if (chainId !== config.chainId) problems.push(`the RPC serves chain ${chainId}, the config says chainId ${config.chainId}`);
  const now = (await c.publicClient.getBlock()).timestamp;
  for (const [i, a] of config.assets.entries()) {
    try {
      const [decimals, name] = await Promise.all([
        c.publicClient.readContract({ address: a.address, abi: devErc20Abi, functionName: "decimals" }),
        c.publicClient.readContract({ address: a.address, abi: devErc20Abi, functionName: "name" }),
      ]);
      tokens.set(a.symbol, { name, decimals });
    } catch {
      problems.push(`assets[${i}].address (${a.symbol}) does not answer decimals()/name(): not an ERC-20 on this chain`);
    }
    try {
      const [decimals, round] = await Promise.all([
        c.publicClient.readContract({ address: a.feed, abi: devPriceFeedAbi, functionName: "decimals" }),
        c.publicClient.readContract({ address: a.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" }),
      ]);
      const [, answer, , updatedAt] = round;
      feeds.set(a.symbol, { decimals, answer, updatedAt });
      const min = parseUnits(a.minAnswer, decimals);
      const max = parseUnits(a.maxAnswer, decimals);
      if (answer < min || answer > max) problems.push(`assets[${i}].feed (${a.symbol}) answers ${answer}, outside [${min}, ${max}]`);
      if (now - updatedAt > BigInt(a.heartbeat))
        problems.push(`assets[${i}].feed (${a.symbol}) is stale: last update ${now - updatedAt}s ago, heartbeat ${a.heartbeat}s`);
    } catch {
      problems.push(`assets[${i}].feed (${a.symbol}) does not answer decimals()/latestRoundData(): not a Chainlink feed on this chain`);
    }
  }
  return { tokens, feeds, problems };
}

/**
 * Deploys Keel from a validated config: the KeelRiskAdmin (which deploys and owns the KeelOracle) with every feed, one
 * KeelMarket per market administered by it with its collaterals (listed at once: nobody has supplied yet) and its
 * KeelLenderVault (the lenders' ERC-4626 token, named and symbolled from the config), the
 * optional guardian, and the lens; then offers the risk admin to `config.admin` (two-step: the admin must call
 * acceptOwnership on it — the oracle and the markets follow, they answer only to the risk admin). Returns the
 * deployment (the caller writes the file).
 */
export async function deployKeel(
  c: Clients,
  config: DeployConfig,
  pre: Preflight,
  log: (l: string) => void = () => {},
  opts: { /** Owner of the KeelLiquidator (the keeper's account); the deployer by default. */ keeper?: Address } = {},
): Promise<Deployment> {
  const me = c.account.address;
  const deploymentBlock = Number(await c.publicClient.getBlockNumber());
  const riskAdmin = await c.deploy(keelRiskAdminAbi, bytecodeOf("KeelRiskAdmin"), [me, BigInt(config.riskDelay)]);
  const oracle = await c.publicClient.readContract({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "oracle" });
  log(`KeelRiskAdmin ${riskAdmin} (delay ${config.riskDelay}s)  KeelOracle ${oracle}`);
  const assets: DeployedAsset[] = [];
  for (const a of config.assets) {
    const feedDecimals = pre.feeds.get(a.symbol)!.decimals;
    await c.send({
      address: riskAdmin,
      abi: keelRiskAdminAbi,
      functionName: "setFeed",
      args: [a.address, a.feed, a.heartbeat, parseUnits(a.minAnswer, feedDecimals), parseUnits(a.maxAnswer, feedDecimals)],
    });
    const t = pre.tokens.get(a.symbol)!;
    assets.push({ symbol: a.symbol, name: t.name, address: a.address, decimals: t.decimals, feed: a.feed });
  }
  const bySymbol = (s: string) => assets.find((a) => a.symbol === s)!;
  const markets: DeployedMarket[] = [];
  for (const m of config.markets) {
    const base = bySymbol(m.baseAsset);
    const address = await c.deploy(keelMarketAbi, bytecodeOf("KeelMarket"), [
      base.address,
      oracle,
      riskAdmin,
      {
        baseRate: wad(m.rateModel.baseRate) / SECONDS_PER_YEAR,
        slope1: wad(m.rateModel.slope1) / SECONDS_PER_YEAR,
        slope2: wad(m.rateModel.slope2) / SECONDS_PER_YEAR,
        kink: wad(m.rateModel.kink),
      },
      wad(m.reserveFactor),
      BigInt(m.flashFeeBps),
    ]);
    await c.send({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "addMarket", args: [address] });
    for (const col of m.collaterals) {
      const asset = bySymbol(col.asset);
      await c.send({
        address: riskAdmin,
        abi: keelRiskAdminAbi,
        functionName: "listCollateral",
        args: [
          address,
          asset.address,
          {
            ltv: wad(col.ltv),
            liquidationThreshold: wad(col.liquidationThreshold),
            maxDiscount: wad(col.maxDiscount),
            supplyCap: parseUnits(col.supplyCap, asset.decimals),
          },
        ],
      });
    }
    // The market's ERC-4626 lender token carries the market's name and symbol (the market itself is no token).
    const lenderVault = await c.deploy(keelLenderVaultAbi, bytecodeOf("KeelLenderVault"), [address, m.name, m.symbol]);
    markets.push({
      address,
      name: m.name,
      baseAsset: base.address,
      collaterals: m.collaterals.map((x) => bySymbol(x.asset).address),
      lenderVault,
    });
    log(`${m.name} ${address}  KeelLenderVault ${lenderVault}`);
  }
  const lens = await c.deploy(keelLensAbi, bytecodeOf("KeelLens"), []);
  log(`KeelLens ${lens}`);
  if (config.guardian) {
    await c.send({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "setGuardian", args: [config.guardian] });
    log(`guardian ${config.guardian}`);
  }
  const periphery: Deployment["contracts"] = { oracle, riskAdmin, lens };
  if (config.swap) {
    const code = await c.publicClient.getCode({ address: config.swap.uniswapV2Factory });
    if (!code || code === "0x") throw new Error(`swap.uniswapV2Factory ${config.swap.uniswapV2Factory} has no code on chain ${config.chainId}`);
    periphery.swapAdapter = await c.deploy(uniswapV2AdapterAbi, bytecodeOf("UniswapV2Adapter"), [config.swap.uniswapV2Factory]);
    periphery.leverageRouter = await c.deploy(keelLeverageRouterAbi, bytecodeOf("KeelLeverageRouter"), [periphery.swapAdapter]);
    log(`UniswapV2Adapter ${periphery.swapAdapter}  KeelLeverageRouter ${periphery.leverageRouter}`);
    periphery.liquidator = await c.deploy(keelLiquidatorAbi, bytecodeOf("KeelLiquidator"), [periphery.swapAdapter, opts.keeper ?? me]);
    periphery.guard = await c.deploy(keelGuardAbi, bytecodeOf("KeelGuard"), [periphery.swapAdapter]);
    log(`KeelLiquidator ${periphery.liquidator} (keeper ${opts.keeper ?? me})  KeelGuard ${periphery.guard}`);
  }
  if (!sameAddress(config.admin, me)) {
    await c.send({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "transferOwnership", args: [config.admin] });
    log(`ownership offered to ${config.admin}: it must call acceptOwnership() on the KeelRiskAdmin ${riskAdmin}`);
  }
  return { chainId: config.chainId, deploymentBlock, contracts: periphery, assets, markets };
}
