import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatUnits, parseUnits, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  devErc20Abi,
  devPriceFeedAbi,
  iUniswapV2FactoryAbi,
  iUniswapV2PairAbi,
  keelLenderVaultAbi,
  keelMarketAbi,
  keelRiskAdminAbi,
  keelRiskStewardAbi,
} from "../contracts-abi";
import { DEFAULT_STEWARD_RULES } from "../lib/risk-model/steward";
import { parseDeployConfig } from "../lib/config/deploy-config";
import type { DeployedAsset, DeployedMarket, Deployment } from "../lib/config/deployment";
import { deployKeel, preflight } from "./lib/deploy-keel";
import { deployReputation } from "./lib/deploy-reputation";
import { AGENT_KEYS, ANVIL_KEYS } from "./lib/anvil";
import { abiOf, bytecodeOf, repoRoot, uniswapV2Artifact } from "./lib/artifacts";
import { clientsFor } from "../lib/server/clients";
import { deployLendingProtocols, deployLeverageRouters, seedProtocolPositions } from "./lib/deploy-protocols";
import { deployAutomation } from "./lib/deploy-automation";
import { deployPrivatePool } from "./lib/deploy-private-pool";

/** The local chain's assets: real decimals, realistic prices, Chainlink-style 8-decimal USD feeds. */
export const LOCAL_ASSETS = [
  { symbol: "WETH", name: "Wrapped Ether", decimals: 18, price: "3000", min: "100", max: "100000", faucet: "100" },
  { symbol: "WBTC", name: "Wrapped Bitcoin", decimals: 8, price: "65000", min: "1000", max: "1000000", faucet: "5" },
  { symbol: "USDC", name: "USD Coin", decimals: 6, price: "1", min: "0.5", max: "2", faucet: "500000" },
] as const;

/** The local markets, as a deploy config would name them (see lib/config/deploy-config.ts), plus what anvil #4 lends. */
export const LOCAL_MARKETS = [
  {
    name: "Keel USDC",
    symbol: "kUSDC",
    baseAsset: "USDC",
    rateModel: { baseRate: "0", slope1: "0.04", slope2: "0.75", kink: "0.8" },
    reserveFactor: "0.1",
    flashFeeBps: 0,
    collaterals: [
      { asset: "WETH", ltv: "0.8", liquidationThreshold: "0.85", maxDiscount: "0.1", supplyCap: "100000" },
      { asset: "WBTC", ltv: "0.75", liquidationThreshold: "0.8", maxDiscount: "0.1", supplyCap: "5000" },
    ],
    lenderSupply: "2000000",
  },
  {
    name: "Keel WETH",
    symbol: "kWETH",
    baseAsset: "WETH",
    rateModel: { baseRate: "0", slope1: "0.03", slope2: "0.8", kink: "0.9" },
    reserveFactor: "0.1",
    flashFeeBps: 0,
    collaterals: [{ asset: "USDC", ltv: "0.8", liquidationThreshold: "0.85", maxDiscount: "0.08", supplyCap: "100000000" }],
    lenderSupply: "500",
  },
];

/** `npm run dev -- --chains 2`: the second local chain (31338) has other markets, so aggregation across chains shows. */
export const SECOND_CHAIN_ID = 31338;
export const SECOND_CHAIN_MARKETS = [
  {
    name: "Keel USDC B",
    symbol: "kUSDCb",
    baseAsset: "USDC",
    rateModel: { baseRate: "0.01", slope1: "0.05", slope2: "1", kink: "0.85" },
    reserveFactor: "0.15",
    flashFeeBps: 5,
    collaterals: [
      { asset: "WBTC", ltv: "0.7", liquidationThreshold: "0.75", maxDiscount: "0.1", supplyCap: "1000" },
      { asset: "WETH", ltv: "0.75", liquidationThreshold: "0.8", maxDiscount: "0.1", supplyCap: "20000" },
    ],
    lenderSupply: "1000000",
  },
];

/**
 * Uniswap V2 pools on the local chain, seeded at the feeds' prices by the market maker (anvil #5): every
 * collateral/base pair of the local markets. Depth in units of the first token (the second follows from the price).
 */
export const LOCAL_POOLS = [
  { a: "WETH", b: "USDC", depthA: "2000" }, // $6M a side
  { a: "WBTC", b: "USDC", depthA: "100" }, // $6.5M a side
] as const;

export const FEED_DECIMALS = 8;
export const LOCAL_HEARTBEAT = 3600;

export interface DeployLocalOptions {
  rpcUrl: string;
  chainId?: number;
  /** Where to write `<chainId>.json`; default contracts-abi/deployments. */
  outDir?: string;
  log?: (line: string) => void;
  /**
   * Also deploy Aave v3 and Morpho Blue with anvil #0's demo positions (scripts/lib/deploy-protocols.ts). `npm run dev`
   * turns it on for the first local chain; tests that do not need them leave it off.
   */
  lendingProtocols?: boolean;
  /**
   * Runs once Keel is deployed and before anyone supplies to its markets (while the risk admin may still list
   * collaterals at once): `npm run dev -- --chains 2` deploys the cross-chain gateway and lists its claims here.
   */
  beforeSupply?: (deployer: ReturnType<typeof clientsFor>, keel: Deployment) => Promise<void>;
}

/** Deploys Keel and its dev tokens and feeds on a fresh local chain, funds the test accounts, writes the deployment file. */
export async function deployLocal(opts: DeployLocalOptions): Promise<{ deployment: Deployment; file: string }> {
  const chainId = opts.chainId ?? 31337;
  const log = opts.log ?? (() => {});
  const deployer = clientsFor(opts.rpcUrl, chainId, ANVIL_KEYS[0]!);
  const me = deployer.account.address;
  const deploymentBlock = Number(await deployer.publicClient.getBlockNumber());

  const marketPlan = chainId === SECOND_CHAIN_ID ? SECOND_CHAIN_MARKETS : LOCAL_MARKETS;
  // Dev tokens with an open faucet and settable Chainlink-style feeds, then Keel from a deploy config naming them:
  // the same deployer and the same validation a real network gets (`npm run deploy`).
  const tokens: Record<string, { token: Address; feed: Address }> = {};
  for (const a of LOCAL_ASSETS) {
    const token = await deployer.deploy(devErc20Abi, bytecodeOf("DevERC20"), [a.name, a.symbol, a.decimals]);
    const feed = await deployer.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [
      me,
      FEED_DECIMALS,
      `${a.symbol} / USD`,
      parseUnits(a.price, FEED_DECIMALS),
    ]);
    for (const key of ANVIL_KEYS) {
      const holder: Address = privateKeyToAccount(key).address;
      await deployer.send({ address: token, abi: devErc20Abi, functionName: "mint", args: [holder, parseUnits(a.faucet, a.decimals)] });
    }
    tokens[a.symbol] = { token, feed };
    log(`${a.symbol.padEnd(5)} ${token}  feed ${feed}  $${a.price}`);
  }
  // Aave v3 and Morpho Blue deploy from their own accounts while Keel deploys (scripts/lib/deploy-protocols.ts).
  const withProtocols = opts.lendingProtocols ?? false;
  const protocols = withProtocols
    ? deployLendingProtocols(
        opts.rpcUrl,
        chainId,
        Object.fromEntries(LOCAL_ASSETS.map((a) => [a.symbol, { ...tokens[a.symbol]!, decimals: a.decimals }])),
        log,
      )
    : undefined;
  // Swallow an early rejection here; it is rethrown where the result is awaited.
  protocols?.catch(() => {});
  const multicall3 = await deployer.deploy(abiOf("DevMulticall3"), bytecodeOf("DevMulticall3"));
  const uniswapV2 = await deployUniswapV2(deployer, tokens, log);
  const config = parseDeployConfig({
    chainId,
    admin: me,
    riskDelay: chainId === SECOND_CHAIN_ID ? 172_800 : 86_400,
    swap: { uniswapV2Factory: uniswapV2.factory },
    assets: LOCAL_ASSETS.map((a) => ({
      symbol: a.symbol,
      address: tokens[a.symbol]!.token,
      feed: tokens[a.symbol]!.feed,
      heartbeat: LOCAL_HEARTBEAT,
      minAnswer: a.min,
      maxAnswer: a.max,
    })),
    markets: marketPlan, // lenderSupply is not part of a deploy config and is ignored
  });
  const pre = await preflight(deployer, config);
  if (pre.problems.length) throw new Error(`local deploy config refused: ${pre.problems.join("; ")}`);
  const keel = await deployKeel(deployer, config, pre, log, { keeper: privateKeyToAccount(AGENT_KEYS.keeper).address });
  const { assets, markets } = keel;
  await opts.beforeSupply?.(deployer, keel);
  // The risk steward, appointed while nobody has supplied yet (its authority starts at once; later it would wait the
  // delay): 3 points per change, once per 3 days per collateral, proposed by anvil #8 (agents/risk-steward.ts).
  const steward = await deployer.deploy(keelRiskStewardAbi, bytecodeOf("KeelRiskSteward"), [
    keel.contracts.riskAdmin!,
    DEFAULT_STEWARD_RULES.maxStep,
    BigInt(DEFAULT_STEWARD_RULES.minInterval),
    privateKeyToAccount(AGENT_KEYS.steward).address,
  ]);
  await deployer.send({ address: keel.contracts.riskAdmin!, abi: keelRiskAdminAbi, functionName: "setSteward", args: [steward] });
  log(`KeelRiskSteward ${steward} (3 points per change, once per 3 days per collateral)`);

  // Reputation-tailored margins: EAS and the markets' reputation source, set while the markets are still unused.
  const reputation = await deployReputation(deployer, { riskAdmin: keel.contracts.riskAdmin!, markets: markets.map((m) => m.address) }, log);

  // Seed lenders: anvil #4 deposits each market's base asset into its lender vault (ERC-4626), as the app's lenders do.
  const lender = privateKeyToAccount(ANVIL_KEYS[4]!).address;
  const lenderClient = clientsFor(opts.rpcUrl, chainId, ANVIL_KEYS[4]!);
  for (const [i, m] of marketPlan.entries()) {
    const market = markets[i]!;
    const base = assets.find((a) => a.address === market.baseAsset)!;
    const supply = parseUnits(m.lenderSupply, base.decimals);
    await deployer.send({ address: base.address, abi: devErc20Abi, functionName: "mint", args: [lender, supply] });
    await lenderClient.send({ address: base.address, abi: devErc20Abi, functionName: "approve", args: [market.lenderVault, supply] });
    await lenderClient.send({ address: market.lenderVault, abi: keelLenderVaultAbi, functionName: "deposit", args: [supply, lender] });
    log(`${m.name.padEnd(10)} lent ${m.lenderSupply} ${base.symbol}`);
  }

  if (chainId === SECOND_CHAIN_ID) {
    const wbtc = assets.find((a) => a.symbol === "WBTC")!;
    const usdc = assets.find((a) => a.symbol === "USDC")!;
    const id = await openDemoVault(opts.rpcUrl, chainId, 0, markets[0]!.address, [[wbtc, "1"]], [usdc, "30000"]);
    log(`demo vault: ${markets[0]!.name} #${id} (anvil #0)`);
  } else {
    await seedDemoVaults(opts.rpcUrl, chainId, { assets, markets, oracleOwner: deployer }, log);
  }

  const deployed = protocols ? await protocols : undefined;
  if (deployed) await seedProtocolPositions(opts.rpcUrl, chainId, deployed, log);
  const lending =
    deployed && keel.contracts.swapAdapter ? await deployLeverageRouters(deployer, deployed, keel.contracts.swapAdapter, log) : deployed;
  const automation = keel.contracts.swapAdapter
    ? await deployAutomation(deployer, { swapAdapter: keel.contracts.swapAdapter, riskAdmin: keel.contracts.riskAdmin!, ...(lending ?? {}) }, log)
    : undefined;
  // Private positions (docs/private-vaults.md) over the first chain's Keel WETH/USDC market.
  const privatePool = chainId === SECOND_CHAIN_ID ? undefined : await deployPrivatePool(deployer, keel, log);
  const deployment: Deployment = {
    ...keel,
    contracts: { ...keel.contracts, steward, multicall3 },
    ...(lending ?? {}),
    ...(automation ? { automation } : {}),
    reputation,
    ...(privatePool ? { privatePool } : {}),
    deploymentBlock,
    dev: { feedOwner: me, uniswapV2 },
  };
  const outDir = opts.outDir ?? path.join(repoRoot, "contracts-abi", "deployments");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${chainId}.json`);
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
  return { deployment, file };
}

/**
 * Deploys Uniswap V2 (factory and Router02 from their npm build artifacts) and seeds LOCAL_POOLS at the feeds'
 * prices: tokens minted straight into each pair, liquidity minted to the market maker.
 */
async function deployUniswapV2(
  deployer: ReturnType<typeof clientsFor>,
  tokens: Record<string, { token: Address; feed: Address }>,
  log: (line: string) => void,
) {
  const f = uniswapV2Artifact("UniswapV2Factory");
  const r = uniswapV2Artifact("UniswapV2Router02");
  const factory = await deployer.deploy(f.abi, f.bytecode, [deployer.account.address]);
  // Router02 wants WETH9 for its ETH entry points; the dev WETH stands in (only the token-to-token paths are used).
  const router = await deployer.deploy(r.abi, r.bytecode, [factory, tokens.WETH!.token]);
  const maker = privateKeyToAccount(AGENT_KEYS.marketMaker).address;
  for (const p of LOCAL_POOLS) {
    const a = LOCAL_ASSETS.find((x) => x.symbol === p.a)!;
    const b = LOCAL_ASSETS.find((x) => x.symbol === p.b)!;
    await deployer.send({
      address: factory,
      abi: iUniswapV2FactoryAbi,
      functionName: "createPair",
      args: [tokens[a.symbol]!.token, tokens[b.symbol]!.token],
    });
    const pair = await deployer.publicClient.readContract({
      address: factory,
      abi: iUniswapV2FactoryAbi,
      functionName: "getPair",
      args: [tokens[a.symbol]!.token, tokens[b.symbol]!.token],
    });
    const amountA = parseUnits(p.depthA, a.decimals);
    // depthB = depthA × priceA / priceB, in b's units (prices are decimal strings, so scale through 1e8).
    const amountB = (amountA * parseUnits(a.price, 8) * 10n ** BigInt(b.decimals)) / (parseUnits(b.price, 8) * 10n ** BigInt(a.decimals));
    await deployer.send({ address: tokens[a.symbol]!.token, abi: devErc20Abi, functionName: "mint", args: [pair, amountA] });
    await deployer.send({ address: tokens[b.symbol]!.token, abi: devErc20Abi, functionName: "mint", args: [pair, amountB] });
    await deployer.send({ address: pair, abi: iUniswapV2PairAbi, functionName: "mint", args: [maker] });
    log(`pool  ${p.a}/${p.b} ${pair}  ${p.depthA} ${p.a} + ${formatUnits(amountB, b.decimals)} ${p.b}`);
  }
  log(`Uniswap V2 factory ${factory}  router ${router}`);
  return { factory, router };
}

/** Anvil account `key` opens a vault in `market`, deposits, and borrows; returns the vault id. */
async function openDemoVault(
  rpcUrl: string,
  chainId: number,
  key: number,
  market: Address,
  deposits: [DeployedAsset, string][],
  borrow: [DeployedAsset, string],
) {
  const c = clientsFor(rpcUrl, chainId, ANVIL_KEYS[key]!);
  const id = (await c.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  await c.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
  for (const [asset, amount] of deposits) {
    const units = parseUnits(amount, asset.decimals);
    await c.send({ address: asset.address, abi: devErc20Abi, functionName: "approve", args: [market, units] });
    await c.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, asset.address, units] });
  }
  const [base, amount] = borrow;
  await c.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits(amount, base.decimals), c.account.address] });
  return id;
}

/** Sets a dev feed to `price` USD. */
async function setPrice(owner: ReturnType<typeof clientsFor>, asset: DeployedAsset, price: string) {
  await owner.send({ address: asset.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits(price, FEED_DECIMALS)] });
}

/**
 * Demo vaults owned by the dev accounts at several health levels (anvil #1 is left empty for the trader journey):
 * #0 a comfortable WETH vault and a cross-margin WETH+WBTC vault close to liquidation; #2 a vault opened when ETH was
 * $3,450 that the fall to $3,000 made liquidatable; #3 a WETH-market vault borrowing WETH against USDC.
 */
async function seedDemoVaults(
  rpcUrl: string,
  chainId: number,
  ctx: { assets: DeployedAsset[]; markets: DeployedMarket[]; oracleOwner: ReturnType<typeof clientsFor> },
  log: (line: string) => void,
) {
  const sym = (s: string) => ctx.assets.find((a) => a.symbol === s)!;
  const [usdcMarket, wethMarket] = ctx.markets as [DeployedMarket, DeployedMarket];
  const WETH = sym("WETH");
  const WBTC = sym("WBTC");
  const USDC = sym("USDC");

  const openVault = (key: number, market: Address, deposits: [DeployedAsset, string][], borrow: [DeployedAsset, string]) =>
    openDemoVault(rpcUrl, chainId, key, market, deposits, borrow);

  await setPrice(ctx.oracleOwner, WETH, "3450");
  const [, , , raisedAt] = await ctx.oracleOwner.publicClient.readContract({
    address: WETH.feed,
    abi: devPriceFeedAbi,
    functionName: "latestRoundData",
  });
  const doomed = await openVault(2, usdcMarket.address, [[WETH, "5"]], [USDC, "13700"]);
  // Back to $3,000 as of the raise's own second: the raise only set the doomed vault up, so the feed's history (realised
  // volatility, the odds, the risk steward's inputs) sees no move — however long the vault's seeding took.
  await ctx.oracleOwner.send({
    address: WETH.feed,
    abi: devPriceFeedAbi,
    functionName: "setAnswerAt",
    args: [parseUnits("3000", FEED_DECIMALS), raisedAt],
  });
  const comfy = await openVault(0, usdcMarket.address, [[WETH, "10"]], [USDC, "8000"]);
  const close = await openVault(
    0,
    usdcMarket.address,
    [
      [WETH, "2"],
      [WBTC, "0.1"],
    ],
    [USDC, "9500"],
  );
  const ethLoan = await openVault(3, wethMarket.address, [[USDC, "20000"]], [WETH, "3"]);
  log(`demo vaults: USDC market #${comfy} (safe), #${close} (close to liquidation), #${doomed} (liquidatable); WETH market #${ethLoan}`);
}

// `tsx scripts/deploy-local.ts [rpcUrl]`: deploy to an already running local chain.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rpcUrl = process.argv[2] ?? "http://127.0.0.1:8545";
  deployLocal({ rpcUrl, log: console.log, lendingProtocols: true })
    .then(({ file }) => console.log(`wrote ${file}`))
    .catch((e: Error) => {
      console.error(`deploy failed: ${e.message}`);
      process.exit(1);
    });
}
