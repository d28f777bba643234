import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseUnits, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { devErc20Abi, devPriceFeedAbi, keelOracleAbi } from "../contracts-abi/generated";
import type { DeployedAsset, Deployment } from "../lib/deployment";
import { ANVIL_KEYS } from "./lib/anvil";
import { bytecodeOf, repoRoot } from "./lib/artifacts";
import { clientsFor } from "./lib/clients";

/** The local chain's assets: real decimals, realistic prices, Chainlink-style 8-decimal USD feeds. */
export const LOCAL_ASSETS = [
  { symbol: "WETH", name: "Wrapped Ether", decimals: 18, price: "3000", min: "100", max: "100000", faucet: "100" },
  { symbol: "WBTC", name: "Wrapped Bitcoin", decimals: 8, price: "65000", min: "1000", max: "1000000", faucet: "5" },
  { symbol: "USDC", name: "USD Coin", decimals: 6, price: "1", min: "0.5", max: "2", faucet: "500000" },
] as const;

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

  const deployment: Deployment = {
    chainId,
    deploymentBlock,
    contracts: { oracle },
    assets,
    markets: [],
    dev: { feedOwner: me },
  };
  const outDir = opts.outDir ?? path.join(repoRoot, "contracts-abi", "deployments");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${chainId}.json`);
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
  return { deployment, file };
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
