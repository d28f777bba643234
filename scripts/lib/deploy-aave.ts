import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseUnits, type Abi, type Address, type Hex } from "viem";
import { devErc20Abi, devPriceFeedAbi } from "../../contracts-abi";
import type { AaveV3Deployment } from "../../lib/config/deployment";
import { bytecodeOf, repoRoot } from "./artifacts";
import type { clientsFor } from "../../lib/server/clients";

type Clients = ReturnType<typeof clientsFor>;
type Artifact = { abi: Abi; bytecode: Hex; linkReferences: Record<string, Record<string, { start: number; length: number }[]>> };

const RAY = 10n ** 27n;
/** A yearly rate as a decimal string → ray (Aave's rate strategies take rays). */
const ray = (pct: string) => parseUnits(pct, 27);
/** A fraction as a decimal string → Aave basis points (1e4 = 100 %). */
const bps = (fraction: string) => Number(parseUnits(fraction, 4));

/**
 * The local Aave market's reserves, with risk parameters modelled on Aave v3 Ethereum's for the same assets
 * (rounded; the local market is a demo, the real ones change by governance): LTV, liquidation threshold and bonus,
 * reserve factor, caps in whole tokens, and the variable-rate curve (optimal usage, base, slope below and above it).
 */
export const AAVE_LOCAL_RESERVES = [
  {
    symbol: "WETH",
    ltv: "0.805",
    liquidationThreshold: "0.83",
    liquidationBonus: "1.05",
    reserveFactor: "0.15",
    supplyCap: 1_800_000n,
    borrowCap: 1_400_000n,
    rate: { optimal: "0.9", base: "0", slope1: "0.027", slope2: "0.8" },
    eMode: 1,
  },
  {
    symbol: "WBTC",
    ltv: "0.73",
    liquidationThreshold: "0.78",
    liquidationBonus: "1.05",
    reserveFactor: "0.2",
    supplyCap: 43_000n,
    borrowCap: 28_000n,
    rate: { optimal: "0.45", base: "0", slope1: "0.04", slope2: "3" },
    eMode: 0,
  },
  {
    symbol: "USDC",
    ltv: "0.75",
    liquidationThreshold: "0.78",
    liquidationBonus: "1.045",
    reserveFactor: "0.1",
    supplyCap: 1_760_000_000n,
    borrowCap: 1_580_000_000n,
    rate: { optimal: "0.9", base: "0", slope1: "0.065", slope2: "0.6" },
    eMode: 0,
  },
] as const;

/** E-mode category 1 (ETH correlated), as on Aave v3 Ethereum: 93 % LTV, 95 % LT, 1 % bonus. */
export const AAVE_LOCAL_EMODE = { id: 1, ltv: "0.93", liquidationThreshold: "0.95", liquidationBonus: "1.01", label: "ETH correlated" };

/** What the local chain lends on Aave (the deployer supplies it), in whole tokens. */
export const AAVE_LOCAL_LIQUIDITY: Record<string, string> = { WETH: "2000", WBTC: "100", USDC: "5000000" };

/** Every Hardhat artifact the two Aave npm packages ship, by contract name (core first, so core wins a duplicate). */
let artifactIndex: Map<string, string> | undefined;
export function aaveArtifact(name: string): Artifact {
  if (!artifactIndex) {
    artifactIndex = new Map();
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (f.endsWith(".json") && !f.endsWith(".dbg.json") && !artifactIndex!.has(f.slice(0, -5))) artifactIndex!.set(f.slice(0, -5), p);
      }
    };
    walk(path.join(repoRoot, "node_modules", "@aave", "core-v3", "artifacts", "contracts"));
    walk(path.join(repoRoot, "node_modules", "@aave", "periphery-v3", "artifacts", "contracts"));
  }
  const file = artifactIndex.get(name);
  if (!file) throw new Error(`no Aave artifact named ${name} in @aave/core-v3 or @aave/periphery-v3`);
  return JSON.parse(readFileSync(file, "utf8")) as Artifact;
}

/**
 * Links an artifact's creation bytecode: every `__$…$__` placeholder listed in its linkReferences is replaced by the
 * deployed library's address. Throws if a library it needs was not given or a placeholder is left.
 */
export function linkBytecode(a: Artifact, libraries: Record<string, Address>): Hex {
  let code = a.bytecode.slice(2);
  for (const libs of Object.values(a.linkReferences ?? {})) {
    for (const [lib, refs] of Object.entries(libs)) {
      const address = libraries[lib];
      if (!address) throw new Error(`library ${lib} is needed to link but was not deployed`);
      for (const { start, length } of refs) {
        code = code.slice(0, start * 2) + address.slice(2).toLowerCase() + code.slice((start + length) * 2);
      }
    }
  }
  if (code.includes("__$")) throw new Error("bytecode still has unlinked library placeholders");
  return `0x${code}`;
}

export interface AaveLocalInput {
  tokens: Record<string, { token: Address; feed: Address; decimals: number }>;
  log: (line: string) => void;
}

/**
 * Deploys Aave v3 from its npm build artifacts as `@aave/deploy-v3` does, in its order: addresses provider, ACL
 * (deployer as ACL and pool admin), the pool's logic libraries and the pool (FlashLoanLogic links BorrowLogic), the
 * configurator (links ConfiguratorLogic), AaveOracle over the dev Chainlink feeds (USD, 8 decimals), token
 * implementations, one rate strategy per reserve, the reserves with their risk parameters and the ETH e-mode, the data
 * providers; then supplies AAVE_LOCAL_LIQUIDITY. All from `deployer`, so it may run beside the other deploys.
 */
export async function deployAave(deployer: Clients, input: AaveLocalInput): Promise<AaveV3Deployment> {
  const me = deployer.account.address;
  const deploy = (name: string, args: readonly unknown[] = [], libraries: Record<string, Address> = {}) => {
    const a = aaveArtifact(name);
    return deployer.deploy(a.abi, linkBytecode(a, libraries), args);
  };
  const call = (address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    deployer.send({ address, abi: aaveArtifact(name).abi, functionName, args });
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    deployer.publicClient.readContract({ address, abi: aaveArtifact(name).abi, functionName, args }) as Promise<T>;

  const provider = await deploy("PoolAddressesProvider", ["Keel local Aave", me]);
  await call(provider, "PoolAddressesProvider", "setACLAdmin", [me]);
  const acl = await deploy("ACLManager", [provider]);
  await call(provider, "PoolAddressesProvider", "setACLManager", [acl]);
  await call(acl, "ACLManager", "addPoolAdmin", [me]);

  const libs: Record<string, Address> = {};
  for (const name of ["SupplyLogic", "BorrowLogic", "LiquidationLogic", "EModeLogic", "BridgeLogic", "PoolLogic", "ConfiguratorLogic"]) {
    libs[name] = await deploy(name);
  }
  libs.FlashLoanLogic = await deploy("FlashLoanLogic", [], libs);
  const poolImpl = await deploy("Pool", [provider], libs);
  await call(provider, "PoolAddressesProvider", "setPoolImpl", [poolImpl]);
  const pool = await read<Address>(provider, "PoolAddressesProvider", "getPool");
  const configuratorImpl = await deploy("PoolConfigurator", [], libs);
  await call(provider, "PoolAddressesProvider", "setPoolConfiguratorImpl", [configuratorImpl]);
  const configurator = await read<Address>(provider, "PoolAddressesProvider", "getPoolConfigurator");

  const symbols = AAVE_LOCAL_RESERVES.map((r) => r.symbol);
  const oracle = await deploy("AaveOracle", [
    provider,
    symbols.map((s) => input.tokens[s]!.token),
    symbols.map((s) => input.tokens[s]!.feed),
    "0x0000000000000000000000000000000000000000",
    "0x0000000000000000000000000000000000000000", // base currency: USD
    10n ** 8n, // 1 USD in the oracle's units (the feeds' 8 decimals)
  ]);
  await call(provider, "PoolAddressesProvider", "setPriceOracle", [oracle]);
  const dataProvider = await deploy("AaveProtocolDataProvider", [provider]);
  await call(provider, "PoolAddressesProvider", "setPoolDataProvider", [dataProvider]);

  const aTokenImpl = await deploy("AToken", [pool]);
  const variableDebtImpl = await deploy("VariableDebtToken", [pool]);
  const stableDebtImpl = await deploy("StableDebtToken", [pool]);
  const inputs = [];
  for (const r of AAVE_LOCAL_RESERVES) {
    const strategy = await deploy("DefaultReserveInterestRateStrategy", [
      provider,
      ray(r.rate.optimal),
      ray(r.rate.base),
      ray(r.rate.slope1),
      ray(r.rate.slope2),
      0n, // stable borrowing is disabled: its parameters are unused
      0n,
      0n,
      0n,
      RAY / 5n,
    ]);
    const t = input.tokens[r.symbol]!;
    inputs.push({
      aTokenImpl,
      stableDebtTokenImpl: stableDebtImpl,
      variableDebtTokenImpl: variableDebtImpl,
      underlyingAssetDecimals: t.decimals,
      interestRateStrategyAddress: strategy,
      underlyingAsset: t.token,
      treasury: me,
      incentivesController: "0x0000000000000000000000000000000000000000",
      aTokenName: `Aave Local ${r.symbol}`,
      aTokenSymbol: `aLoc${r.symbol}`,
      variableDebtTokenName: `Aave Local Variable Debt ${r.symbol}`,
      variableDebtTokenSymbol: `variableDebtLoc${r.symbol}`,
      stableDebtTokenName: `Aave Local Stable Debt ${r.symbol}`,
      stableDebtTokenSymbol: `stableDebtLoc${r.symbol}`,
      params: "0x",
    });
  }
  await call(configurator, "PoolConfigurator", "initReserves", [inputs]);
  const e = AAVE_LOCAL_EMODE;
  await call(configurator, "PoolConfigurator", "setEModeCategory", [
    e.id,
    bps(e.ltv),
    bps(e.liquidationThreshold),
    bps(e.liquidationBonus),
    "0x0000000000000000000000000000000000000000",
    e.label,
  ]);
  for (const r of AAVE_LOCAL_RESERVES) {
    const asset = input.tokens[r.symbol]!.token;
    await call(configurator, "PoolConfigurator", "configureReserveAsCollateral", [
      asset,
      bps(r.ltv),
      bps(r.liquidationThreshold),
      bps(r.liquidationBonus),
    ]);
    await call(configurator, "PoolConfigurator", "setReserveBorrowing", [asset, true]);
    await call(configurator, "PoolConfigurator", "setReserveFactor", [asset, bps(r.reserveFactor)]);
    await call(configurator, "PoolConfigurator", "setSupplyCap", [asset, r.supplyCap]);
    await call(configurator, "PoolConfigurator", "setBorrowCap", [asset, r.borrowCap]);
    await call(configurator, "PoolConfigurator", "setReserveFlashLoaning", [asset, true]);
    if (r.eMode) await call(configurator, "PoolConfigurator", "setAssetEModeCategory", [asset, r.eMode]);
  }

  // UiPoolDataProviderV3 prices the market's reference currency (USD here) and the network's token in USD: a
  // constant 1 USD feed and the ETH feed.
  const usdFeed = await deployer.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [me, 8, "USD / USD", 10n ** 8n]);
  const uiPoolDataProvider = await deploy("UiPoolDataProviderV3", [input.tokens.WETH!.feed, usdFeed]);

  for (const r of AAVE_LOCAL_RESERVES) {
    const t = input.tokens[r.symbol]!;
    const amount = parseUnits(AAVE_LOCAL_LIQUIDITY[r.symbol]!, t.decimals);
    await deployer.send({ address: t.token, abi: devErc20Abi, functionName: "mint", args: [me, amount] });
    await deployer.send({ address: t.token, abi: devErc20Abi, functionName: "approve", args: [pool, amount] });
    await call(pool, "Pool", "supply", [t.token, amount, me, 0]);
  }
  input.log(`Aave v3 pool ${pool}  provider ${provider}  UiPoolDataProviderV3 ${uiPoolDataProvider}`);
  return {
    poolAddressesProvider: provider,
    pool,
    poolConfigurator: configurator,
    aclManager: acl,
    oracle,
    protocolDataProvider: dataProvider,
    uiPoolDataProvider,
  };
}
