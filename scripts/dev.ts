/**
 * `npm run dev`: the whole local stack. Builds the contracts, starts anvil, deploys and seeds Keel, starts the
 * price simulator and the Next dev server. Ctrl-C stops everything it started.
 *
 * Flags: --port 3000 (app) · --rpc-port 8545 (anvil; a second chain uses the next port) · --no-sim (prices stay still)
 *        · --chains 2 (a second local chain, id 31338, with other markets; Hyperlane on both, cross-chain collateral
 *          from 31338 into Keel USDC on 31337, and the relayer: scripts/lib/deploy-hyperlane.ts, docs/cross-chain.md)
 *        · --no-agents (no liquidation keeper, guard executor, risk steward or reputation scorer)
 *        · --no-indexer (no indexer: the app reads history from the chain) · --indexer-port 42069
 *        · --notifier-port 42070 (alerts service; email needs KEEL_SMTP_URL, e.g. smtp://user:pass@host:587)
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { privateKeyToAccount } from "viem/accounts";
import { startGuardExecutor } from "../agents/guard-executor";
import { startNotifier, type Notifier } from "../agents/notifier";
import { startKeeper } from "../agents/keeper";
import { startPriceSimulator } from "../agents/price-simulator";
import { startRiskSteward } from "../agents/risk-steward";
import { startReputationScorer } from "../agents/reputation-scorer";
import { ANVIL_KEYS, foundryBin, isPortFree, startAnvil, type Anvil } from "./lib/anvil";
import { repoRoot } from "./lib/artifacts";
import { morphoBuildCached } from "./lib/morpho-build";
import { startIndexer, type Indexer } from "./lib/indexer";
import { deployLocal, SECOND_CHAIN_ID } from "./deploy-local";
import type { CrossChainDeployment } from "../lib/crosschain/deployment";
import { crossChainLocal } from "./lib/deploy-hyperlane";
import { startCrossChainAgents } from "./lib/relayer";
import { clientsFor } from "../lib/server/clients";
import { writePriceHistory } from "./seed-risk";
import { tempDir } from "./lib/temp-dir";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "3000" },
    "rpc-port": { type: "string", default: "8545" },
    "no-sim": { type: "boolean", default: false },
    "no-agents": { type: "boolean", default: false },
    "no-indexer": { type: "boolean", default: false },
    "indexer-port": { type: "string", default: "42069" },
    "notifier-port": { type: "string", default: "42070" },
    chains: { type: "string", default: "1" },
  },
});
const chainCount = Number(values.chains);
if (chainCount !== 1 && chainCount !== 2) {
  console.error("✖ --chains takes 1 or 2");
  process.exit(1);
}
const appPort = Number(values.port);
const rpcPort = Number(values["rpc-port"]);
const indexerPort = Number(values["indexer-port"]);
let indexer: Indexer | null = null;
const notifierPort = Number(values["notifier-port"]);
let notifier: Notifier | null = null;
const children: ChildProcess[] = [];
const anvils: Anvil[] = [];
const stopSims: (() => void)[] = [];
let stopping = false;

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  void shutdown(1);
  throw new Error(message);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  stopSims.forEach((stop) => stop());
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await indexer?.stop();
  await notifier?.stop();
  await Promise.all(anvils.map((a) => a.stop()));
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  const ports: (readonly [number, string, string])[] = [
    [rpcPort, "the local chain (anvil)", "--rpc-port"],
    [appPort, "the app", "--port"],
  ];
  if (chainCount === 2) ports.push([rpcPort + 1, "the second local chain (anvil)", "--rpc-port"]);
  if (!values["no-indexer"]) ports.push([indexerPort, "the indexer", "--indexer-port"]);
  ports.push([notifierPort, "the alerts notifier", "--notifier-port"]);
  for (const [port, what, flag] of ports) {
    if (!(await isPortFree(port))) {
      fail(
        `Port ${port} for ${what} is busy — is another \`npm run dev\` (or anvil / a web server) running?\n` +
          `  Stop it, or choose another port: npm run dev -- ${flag} <port>`,
      );
    }
  }

  console.log("› building contracts (forge, solc-js)…");
  // Morpho Blue compiles with its own solc (scripts/lib/morpho-build.ts) once per checkout: beside forge, not after it.
  const morphoBuild = morphoBuildCached()
    ? undefined
    : new Promise<number | null>((resolve) => {
        console.log("› compiling Morpho Blue with solc 0.8.19 (first run only)…");
        spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), [path.join(repoRoot, "scripts", "lib", "morpho-build.ts")], {
          stdio: "inherit",
        }).once("exit", resolve);
      });
  const build = spawnSync(foundryBin("forge"), ["build", "--quiet"], { cwd: path.join(repoRoot, "contracts"), stdio: "inherit" });
  if (build.status !== 0) fail("forge build failed (see above)");
  if (morphoBuild && (await morphoBuild) !== 0) fail("compiling Morpho Blue failed (see above)");

  const chainIds = chainCount === 2 ? [31337, SECOND_CHAIN_ID] : [31337];
  const deployed: { rpcUrl: string; deployment: Awaited<ReturnType<typeof deployLocal>>["deployment"] }[] = [];
  const deploymentFiles: string[] = [];
  const startAgents: ((xc: CrossChainDeployment | undefined) => void)[] = [];
  const chainLog: ((l: string) => void)[] = [];
  const crossChain =
    chainCount === 2 ? crossChainLocal({ remoteDomain: SECOND_CHAIN_ID, log: (l) => (chainLog[0] ?? console.log)(`  ${l}`) }) : undefined;
  // The chains come up side by side (anvil, deploy, price history): a chain's lines are printed together once it is
  // up, so two deployments' logs do not interleave.
  const bringUp = async (i: number, chainId: number) => {
    const lines: string[] = [];
    const say = chainIds.length === 1 ? (l: string) => console.log(l) : (l: string) => lines.push(l);
    chainLog[i] = say;
    say(`› starting anvil (chain ${chainId}) on :${rpcPort + i}…`);
    const anvil = await startAnvil({ port: rpcPort + i, chainId });
    anvils[i] = anvil;
    // A dead chain would leave the app showing "cannot reach" forever with nothing said here: say it and stop the
    // stack (its deployment lived only in that anvil, so a restart means a fresh deploy — run npm run dev again).
    anvil.onDeath((why) => {
      if (stopping) return;
      console.error(`\n✖ ${why}\n  Stopping the local stack: its deployment lived in that anvil. Run \`npm run dev\` again for a fresh one.\n`);
      void shutdown(1);
    });
    say(`› deploying Keel on chain ${chainId} and seeding tokens, feeds, markets and demo vaults…`);
    const { deployment, file } = await deployLocal({
      rpcUrl: anvil.url,
      chainId,
      log: (l) => say(`  ${l}`),
      lendingProtocols: chainId !== SECOND_CHAIN_ID,
      ...(crossChain && chainId !== SECOND_CHAIN_ID ? { beforeSupply: crossChain.beforeSupply } : {}),
    });
    deployed[i] = { rpcUrl: anvil.url, deployment };
    deploymentFiles[i] = file;
    // A week of hourly rounds on every dev feed, so realised volatility — and the liquidation odds shown on the
    // dashboard, vault pages and /risk — exist from the first page load.
    const rounds = await writePriceHistory({ rpcUrl: anvil.url, deployment, hours: 168 });
    say(`  price history: ${rounds} rounds (a week, hourly) on the dev feeds`);
    say(`  deployment file: ${path.relative(repoRoot, file)}`);
    for (const l of lines) console.log(l);
    chainLog[i] = (l) => console.log(l);
    if (!values["no-sim"]) {
      stopSims.push(startPriceSimulator({ rpcUrl: anvil.url, deployment, intervalSec: 15, volatility: 0.002 }).stop);
    }
    // The agents start once every chain is deployed (the keeper needs the cross-chain deployment to take claims).
    if (!values["no-agents"] && deployment.contracts.liquidator && deployment.contracts.guard)
      startAgents.push((xc) => {
        // Agent logs are JSON lines; dev prints only what they did, not every scan.
        const quiet = (line: string) => {
          if (
            /"event":"(sent|confirmed|executed|reverted|replaced|skipped|gas-too-high|proposed|propose-failed|execute-failed|attested|revoked|attest-failed|revoke-failed|claim-liquidated|claim-liquidation-failed|claims-redeemed|claim-redeem-failed)"/.test(
              line,
            )
          )
            console.log(`  [chain ${chainId}] ${line}`);
        };
        const keeper = startKeeper({ rpcUrl: anvil.url, deployment, log: quiet, ...(xc ? { crossChain: xc } : {}) });
        const executor = startGuardExecutor({ rpcUrl: anvil.url, deployment, log: quiet });
        stopSims.push(
          () => void keeper.stop(),
          () => void executor.stop(),
        );
        const steward = deployment.contracts.steward ? startRiskSteward({ rpcUrl: anvil.url, deployment, log: quiet }) : null;
        stopSims.push(() => void steward?.stop());
        const scorer = deployment.reputation ? startReputationScorer({ rpcUrl: anvil.url, deployment, log: quiet }) : null;
        stopSims.push(() => void scorer?.stop());
      });
  };
  await Promise.all(chainIds.map((chainId, i) => bringUp(i, chainId)));

  let xDeployment: CrossChainDeployment | undefined;
  let crossChainAgents: Promise<string> | undefined;
  if (crossChain) {
    const b = deployed[1]!;
    console.log(`› cross-chain collateral: Hyperlane and the outpost on chain ${SECOND_CHAIN_ID}…`);
    const { deployment: xc, file } = await crossChain.finish(
      clientsFor(b.rpcUrl, SECOND_CHAIN_ID, ANVIL_KEYS[0]!),
      b.deployment,
      path.dirname(deploymentFiles[0]!),
    );
    xDeployment = xc;
    console.log(`  cross-chain deployment file: ${path.relative(repoRoot, file)}`);
    // Hyperlane's relayer (installed on first use: minutes) and the validator start beside the indexer and the app;
    // the app and the other agents do not need them, and messages wait on their origin chain until they run.
    crossChainAgents = startCrossChainAgents(
      file,
      deployed.map((d) => ({ chainId: d.deployment.chainId, url: d.rpcUrl })),
      {
        log: (l) => console.log(`  ${l}`),
        onLine: (agent, line) => {
          if (/"event":"(delivered|delivery-failed|pass-failed)"/.test(line)) console.log(`  [${agent}] ${line}`);
        },
      },
    ).then(
      (agents) => {
        for (const [name, child] of [
          ["validator", agents.validator],
          ["relayer", agents.relayer],
        ] as const) {
          if (stopping) child.kill("SIGTERM");
          child.once("exit", (code) => {
            if (!stopping)
              console.error(
                `  [${name}] exited (${code}): cross-chain messages wait on their origin chain until it runs again (docs/cross-chain.md, "Run it")`,
              );
          });
          children.push(child);
        }
        return "relayer running";
      },
      (e: Error) => {
        console.error(
          `  ✖ Hyperlane's relayer did not start (${e.message}): cross-chain messages wait on their origin chain (docs/cross-chain.md, "Run it")`,
        );
        return "relayer NOT running (see the error above)";
      },
    );
  }
  for (const start of startAgents) start(xDeployment);

  let deploymentsDir: string | undefined;
  if (!values["no-indexer"]) {
    // A fresh chain each run, so a fresh embedded database (PGlite) in a temp folder; DATABASE_URL selects Postgres.
    const dataDir = tempDir("keel-indexer");
    deploymentsDir = path.join(repoRoot, "contracts-abi", "deployments");
    console.log(`› starting the indexer on :${indexerPort} (${process.env.DATABASE_URL ? "Postgres from DATABASE_URL" : `PGlite in ${dataDir}`})…`);
    indexer = await startIndexer({
      port: indexerPort,
      chains: anvils.map((a) => ({ chainId: a.chainId, rpcUrl: a.url })),
      deploymentsDir,
      dataDir,
      databaseUrl: process.env.DATABASE_URL,
      schema: `keel_dev_${Date.now()}`,
      log: (l) => {
        if (/error|warn/i.test(l)) console.log(`  [indexer] ${l}`);
      },
    });
    indexer.child.once("exit", (code) => {
      if (!stopping) console.error(`  [indexer] exited (${code}); the app falls back to reading history from the chain`);
    });
  }

  console.log(`› starting the alerts notifier on :${notifierPort}…`);
  notifier = await startNotifier({
    port: notifierPort,
    chains: deployed,
    dataDir: tempDir("keel-notifier"),
    smtpUrl: process.env.KEEL_SMTP_URL,
    domain: `localhost:${appPort}`,
    log: (l) => {
      if (/"event":"(alert|delivery-failed)"/.test(l)) console.log(`  [notifier] ${l}`);
    },
  });

  console.log(`› starting the app on :${appPort}…`);
  const next = spawn(path.join(repoRoot, "node_modules", ".bin", "next"), ["dev", "--port", String(appPort)], {
    cwd: repoRoot,
    stdio: "inherit",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_PUBLIC_KEEL_CHAINS: chainIds.join(","),
      ...Object.fromEntries(anvils.map((a) => [`NEXT_PUBLIC_RPC_URL_${a.chainId}`, a.url])),
      ...(indexer ? { KEEL_INDEXER_URL: indexer.url } : {}),
      KEEL_NOTIFIER_URL: notifier.url,
    },
  });
  children.push(next);
  next.once("exit", (code) => {
    if (!stopping) {
      console.error(`next dev exited (${code})`);
      void shutdown(code ?? 1);
    }
  });

  const relayerState = crossChainAgents ? await crossChainAgents : undefined;
  const accounts = ANVIL_KEYS.map((k, i) => `  #${i} ${privateKeyToAccount(k).address}  key ${k}`).join("\n");
  console.log(`
Keel local stack
  app        http://localhost:${appPort}
${anvils.map((a) => `  chain      ${a.url}  (chain id ${a.chainId})`).join("\n")}
  simulator  ${values["no-sim"] ? "off (--no-sim)" : "prices move every 15 s; scenarios: npx tsx agents/market-simulator.ts --scenario crash (or the Simulator panel on /markets)"}
  indexer    ${indexer ? `${indexer.url} (history, timelines, CSV; the app falls back to the chain without it)` : "off (--no-indexer): history is read from the chain"}
  alerts     ${notifier.url} (sign in from the bell in the header; email ${process.env.KEEL_SMTP_URL ? "via KEEL_SMTP_URL" : "off: set KEEL_SMTP_URL"})
  agents     ${values["no-agents"] ? "off (--no-agents)" : "liquidation keeper (anvil #6), guard executor (anvil #7), risk steward (anvil #8) and reputation scorer (anvil #9) running"}${crossChain ? `\n  hyperlane  Mailbox on both chains; ${relayerState}; deposit WETH/WBTC on ${SECOND_CHAIN_ID} into the CollateralOutpost for a Keel USDC vault on 31337 (docs/cross-chain.md)` : ""}
Test accounts (anvil; each holds ETH, WETH, WBTC and USDC). In the app choose "Keel Dev Wallet", or import a key:
${accounts}
Ctrl-C stops everything.
`);
}

main().catch((e: Error) => {
  if (!stopping) {
    console.error(`\n✖ npm run dev failed: ${e.message}\n`);
    void shutdown(1);
  }
});
