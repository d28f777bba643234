/**
 * `npm run deploy -- --rpc <url> --config <file.json> [--out <dir>] [--dry-run]`
 * Deploys Keel (oracle, markets, lens) to any EVM chain from a config naming real Chainlink feeds, assets and risk
 * parameters (see deploy/sepolia.example.json). The deployer key comes from the KEEL_DEPLOYER_KEY environment variable.
 * A config with missing or inconsistent values, a wrong chain, or tokens and feeds that do not answer as configured
 * are refused before anything is sent. Writes `<out>/<chainId>.json` (default contracts-abi/deployments).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Hex } from "viem";
import { DeployConfigError, parseDeployConfig } from "../lib/config/deploy-config";
import { repoRoot } from "./lib/artifacts";
import { clientsFor } from "../lib/server/clients";
import { deployKeel, preflight } from "./lib/deploy-keel";

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

async function main() {
  const { values } = parseArgs({
    options: { rpc: { type: "string" }, config: { type: "string" }, out: { type: "string" }, "dry-run": { type: "boolean", default: false } },
  });
  if (!values.rpc || !values.config) fail("usage: npm run deploy -- --rpc <url> --config <file.json> [--out <dir>] [--dry-run]");
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.config, "utf8"));
  } catch (e) {
    fail(`cannot read ${values.config}: ${(e as Error).message}`);
  }
  let config;
  try {
    config = parseDeployConfig(raw);
  } catch (e) {
    if (e instanceof DeployConfigError) fail(`${values.config}: ${e.message}`);
    throw e;
  }
  const key = process.env.KEEL_DEPLOYER_KEY;
  if (!key || !/^0x[0-9a-fA-F]{64}$/.test(key)) fail("set KEEL_DEPLOYER_KEY to the deployer's private key (0x + 64 hex digits)");
  const c = clientsFor(values.rpc, config.chainId, key as Hex);
  console.log(`› checking ${config.assets.length} assets and feeds on ${values.rpc}…`);
  const pre = await preflight(c, config).catch((e: Error) => fail(`the RPC at ${values.rpc} does not answer: ${e.message.split("\n")[0]}`));
  if (pre.problems.length) fail(`refusing to deploy:\n  - ${pre.problems.join("\n  - ")}`);
  const balance = await c.publicClient.getBalance({ address: c.account.address });
  if (balance === 0n) fail(`the deployer ${c.account.address} has no native balance for gas`);
  if (values["dry-run"]) {
    console.log("✓ config and chain checked; --dry-run: nothing sent");
    return;
  }
  const deployment = await deployKeel(c, config, pre, (l) => console.log(`  ${l}`));
  const outDir = values.out ?? path.join(repoRoot, "contracts-abi", "deployments");
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${config.chainId}.json`);
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
  console.log(`✓ wrote ${file}`);
}

main().catch((e: Error) => fail(e.message.split("\n")[0] ?? String(e)));
