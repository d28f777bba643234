import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseUnits, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devErc20Abi, devPriceFeedAbi, keelLensAbi, keelMarketAbi, keelOracleAbi } from "../contracts-abi/generated";
import type { DeployedAsset, DeployedMarket, Deployment } from "../lib/deployment";
import { ANVIL_KEYS } from "./lib/anvil";
import { bytecodeOf, repoRoot } from "./lib/artifacts";
import { clientsFor } from "./lib/clients";

/** The local chain's assets: real decimals, realistic prices, Chainlink-style 8-decimal USD feeds. */
export const LOCAL_ASSETS = [
  { symbol: "WETH", name: "Wrapped Ether", decimals: 18, price: "3000", min: "100", max: "100000", faucet: "100" },
  { symbol: "WBTC", name: "Wrapped Bitcoin", decimals: 8, price: "65000", min: "1000", max: "1000000", faucet: "5" },
  { symbol: "USDC", name: "USD Coin", decimals: 6, price: "1", min: "0.5", max: "2", faucet: "500000" },
] as const;

const YEAR = 365n * 24n * 3600n;
/** An annual rate (e.g. "0.04" = 4 %) as the engine's per-second WAD rate. */
const perSecond = (annual: string) => parseUnits(annual, 18) / YEAR;
const wad = (x: string) => parseUnits(x, 18);

/** The local markets: a USDC market against WETH and WBTC, and a WETH market against USDC. */
export const LOCAL_MARKETS = [
  {
    base: "USDC",
    name: "Keel USDC",
    symbol: "kUSDC",
    rateModel: { baseRate: perSecond("0"), slope1: perSecond("0.04"), slope2: perSecond("0.75"), kink: wad("0.8") },
    reserveFactor: wad("0.1"),
    flashFeeBps: 0n,
    collaterals: [
      { symbol: "WETH", ltv: "0.8", lt: "0.85", maxDiscount: "0.1", cap: "100000" },
      { symbol: "WBTC", ltv: "0.75", lt: "0.8", maxDiscount: "0.1", cap: "5000" },
    ],
    lenderSupply: "2000000",
  },
  {
    base: "WETH",
    name: "Keel WETH",
    symbol: "kWETH",
    rateModel: { baseRate: perSecond("0"), slope1: perSecond("0.03"), slope2: perSecond("0.8"), kink: wad("0.9") },
    reserveFactor: wad("0.1"),
    flashFeeBps: 0n,
    collaterals: [{ symbol: "USDC", ltv: "0.8", lt: "0.85", maxDiscount: "0.08", cap: "100000000" }],
    lenderSupply: "500",
  },
] as const;

export const RISK_DELAY = 86_400n;
export const FEED_DECIMALS = 8;
export const LOCAL_HEARTBEAT = 3600;

export interface DeployLocalOptions {
  rpcUrl: string;
  chainId?: number;
  /** Where to write `<chainId>.json`; default contracts-abi/deployments. */
  outDir?: string;
  log?: (line: string) => void;
}

/** Deploys Keel and its dev tokens and feeds on a fresh local chain, funds the test accounts, writes the deployment file. */
export async function deployLocal(opts: DeployLocalOptions): Promise<{ deployment: Deployment; file: string }> {
  const chainId = opts.chainId ?? 31337;
  const log = opts.log ?? (() => {});
  const deployer = clientsFor(opts.rpcUrl, chainId, ANVIL_KEYS[0]!);
  const me = deployer.account.address;
  const deploymentBlock = Number(await deployer.publicClient.getBlockNumber());

  const oracle = await deployer.deploy(keelOracleAbi, bytecodeOf("KeelOracle"), [me]);
  log(`KeelOracle ${oracle}`);

  const assets: DeployedAsset[] = [];
  for (const a of LOCAL_ASSETS) {
    const token = await deployer.deploy(devErc20Abi, bytecodeOf("DevERC20"), [a.name, a.symbol, a.decimals]);
    const feed = await deployer.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [
      me,
      FEED_DECIMALS,
      `${a.symbol} / USD`,
      parseUnits(a.price, FEED_DECIMALS),
    ]);
    await deployer.send({
      address: oracle,
      abi: keelOracleAbi,
      functionName: "setFeed",
      args: [token, feed, LOCAL_HEARTBEAT, parseUnits(a.min, FEED_DECIMALS), parseUnits(a.max, FEED_DECIMALS)],
    });
    for (const key of ANVIL_KEYS) {
      const holder: Address = privateKeyToAccount(key).address;
      await deployer.send({ address: token, abi: devErc20Abi, functionName: "mint", args: [holder, parseUnits(a.faucet, a.decimals)] });
    }
    assets.push({ symbol: a.symbol, name: a.name, address: token, decimals: a.decimals, feed });
    log(`${a.symbol.padEnd(5)} ${token}  feed ${feed}  $${a.price}`);
  }

  const bySymbol = (symbol: string) => assets.find((a) => a.symbol === symbol)!;
  const markets: DeployedMarket[] = [];
  const lender = privateKeyToAccount(ANVIL_KEYS[4]!).address;
  const lenderClient = clientsFor(opts.rpcUrl, chainId, ANVIL_KEYS[4]!);
  for (const m of LOCAL_MARKETS) {
    const base = bySymbol(m.base);
    const market = await deployer.deploy(keelMarketAbi, bytecodeOf("KeelMarket"), [
      base.address,
      m.name,
      m.symbol,
      oracle,
      me,
      RISK_DELAY,
      m.rateModel,
      m.reserveFactor,
      m.flashFeeBps,
    ]);
    for (const c of m.collaterals) {
      const asset = bySymbol(c.symbol);
      await deployer.send({
        address: market,
        abi: keelMarketAbi,
        functionName: "listCollateral",
        args: [
          asset.address,
          { ltv: wad(c.ltv), liquidationThreshold: wad(c.lt), maxDiscount: wad(c.maxDiscount), supplyCap: parseUnits(c.cap, asset.decimals) },
        ],
      });
    }
    // Seed lenders: anvil #4 supplies the base asset.
    const supply = parseUnits(m.lenderSupply, base.decimals);
    await deployer.send({ address: base.address, abi: devErc20Abi, functionName: "mint", args: [lender, supply] });
    await lenderClient.send({ address: base.address, abi: devErc20Abi, functionName: "approve", args: [market, supply] });
    await lenderClient.send({ address: market, abi: keelMarketAbi, functionName: "deposit", args: [supply, lender] });
    markets.push({ address: market, name: m.name, baseAsset: base.address, collaterals: m.collaterals.map((c) => bySymbol(c.symbol).address) });
    log(`${m.name.padEnd(10)} ${market}  lent ${m.lenderSupply} ${m.base}`);
  }
  const lens = await deployer.deploy(keelLensAbi, bytecodeOf("KeelLens"), []);
  log(`KeelLens   ${lens}`);

  await seedDemoVaults(opts.rpcUrl, chainId, { assets, markets, oracleOwner: deployer }, log);

  const deployment: Deployment = {
    chainId,
    deploymentBlock,
    contracts: { oracle, lens },
    assets,
    markets,
    dev: { feedOwner: me },
  };
  const outDir = opts.outDir ?? path.join(repoRoot, "contracts-abi", "deployments");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${chainId}.json`);
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
  return { deployment, file };
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

  async function openVault(key: number, market: Address, deposits: [DeployedAsset, string][], borrow: [DeployedAsset, string]) {
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

  await setPrice(ctx.oracleOwner, WETH, "3450");
  const doomed = await openVault(2, usdcMarket.address, [[WETH, "5"]], [USDC, "13700"]);
  await setPrice(ctx.oracleOwner, WETH, "3000");
  const comfy = await openVault(0, usdcMarket.address, [[WETH, "10"]], [USDC, "8000"]);
  const close = await openVault(0, usdcMarket.address, [[WETH, "2"], [WBTC, "0.1"]], [USDC, "9500"]);
  const ethLoan = await openVault(3, wethMarket.address, [[USDC, "20000"]], [WETH, "3"]);
  log(`demo vaults: USDC market #${comfy} (safe), #${close} (close to liquidation), #${doomed} (liquidatable); WETH market #${ethLoan}`);
}

// `tsx scripts/deploy-local.ts [rpcUrl]`: deploy to an already running local chain.
if (import.meta.url === `file://${process.argv[1]}`) {
  const rpcUrl = process.argv[2] ?? "http://127.0.0.1:8545";
  deployLocal({ rpcUrl, log: console.log })
    .then(({ file }) => console.log(`wrote ${file}`))
    .catch((e: Error) => {
      console.error(`deploy failed: ${e.message}`);
      process.exit(1);
    });
}
