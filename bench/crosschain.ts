/**
 * `npm run bench:crosschain`: two anvils (1 block/s each) with Keel, Hyperlane core, the gateway and the outpost, and
 * the validator and Hyperlane's relayer (the SDK's HyperlaneRelayer, agents/hyperlane-relayer/) as processes, polling
 * every --interval ms. Each round deposits WETH on B for a
 * vault on A and measures the time and blocks until the vault's borrowing power on A counts it, then withdraws it back
 * to B; gas of every transaction on each side. Results: bench/results/crosschain.md.
 *
 * Flags: --rounds 5 · --interval 1000 (relayer poll, ms) · --block-time 1 (s)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseUnits, type Address, type Hex } from "viem";
import { devErc20Abi, keelMarketAbi } from "../contracts-abi";
import { mailboxAbi } from "../lib/crosschain/hyperlane";
import { clientsFor } from "../lib/server/clients";
import { deployLocal, SECOND_CHAIN_ID } from "../scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil } from "../scripts/lib/anvil";
import { abiOf, repoRoot } from "../scripts/lib/artifacts";
import { crossChainLocal } from "../scripts/lib/deploy-hyperlane";
import { startCrossChainAgents } from "../scripts/lib/relayer";
import { tempDir } from "../scripts/lib/temp-dir";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    interval: { type: "string", default: "1000" },
    "block-time": { type: "string", default: "1" },
  },
});
const rounds = Number(values.rounds);
const intervalMs = Number(values.interval);
const blockTime = Number(values["block-time"]);
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const fmt = (n: number | bigint) => Number(n).toLocaleString("en-US");

async function main() {
  // Deployed with automine (hundreds of transactions), then both chains mine a block every `blockTime` seconds.
  const [a, b] = await Promise.all([startAnvil({ port: await freePort() }), startAnvil({ port: await freePort(), chainId: SECOND_CHAIN_ID })]);
  const relayerStops: (() => void)[] = [];
  try {
    const outDir = tempDir("keel-bench-crosschain");
    const xc = crossChainLocal({ remoteDomain: SECOND_CHAIN_ID });
    console.log("› deploying Keel and Hyperlane on two anvils…");
    const [{ deployment: da }, { deployment: db }] = await Promise.all([
      deployLocal({ rpcUrl: a.url, outDir, beforeSupply: xc.beforeSupply }),
      deployLocal({ rpcUrl: b.url, chainId: SECOND_CHAIN_ID, outDir }),
    ]);
    const { deployment: x, file } = await xc.finish(clientsFor(b.url, db.chainId, ANVIL_KEYS[0]!), db, outDir);
    for (const chain of [a, b]) {
      const c = clientsFor(chain.url, chain.chainId, ANVIL_KEYS[0]!).publicClient;
      await c.request({ method: "evm_setAutomine", params: [false] } as never);
      await c.request({ method: "evm_setIntervalMining", params: [blockTime] } as never);
    }
    const agents = await startCrossChainAgents(
      file,
      [
        { chainId: da.chainId, url: a.url },
        { chainId: db.chainId, url: b.url },
      ],
      { intervalMs, log: (l) => console.log(`  ${l}`) },
    );
    relayerStops.push(
      () => agents.relayer.kill("SIGKILL"),
      () => agents.validator.kill("SIGKILL"),
    );

    const userA = clientsFor(a.url, da.chainId, ANVIL_KEYS[1]!);
    const userB = clientsFor(b.url, db.chainId, ANVIL_KEYS[1]!);
    const market = x.gateway.claims[0]!.market;
    const claim = x.gateway.claims.find((c) => c.asset === "WETH")!.claim;
    const weth = x.outpost.tokens.find((t) => t.asset === "WETH")!.token;
    const outpost = x.outpost.outpost;
    const gateway = x.gateway.gateway;
    const amount = parseUnits("1", 18);
    await userA.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const id = await userA.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" });
    await userA.send({ address: market, abi: keelMarketAbi, functionName: "setOperator", args: [gateway, true] });
    await userB.send({ address: weth, abi: devErc20Abi, functionName: "approve", args: [outpost, amount * BigInt(rounds)] });
    const gasOf = async (c: typeof userA, hash: Hex) => (await c.publicClient.getTransactionReceipt({ hash })).gasUsed;
    /** The `Mailbox.process` transaction that delivered message `id` on the chain of `c` (its ProcessId event). */
    const deliveryOf = async (c: typeof userA, mailbox: Address, id: Hex) => {
      for (;;) {
        const [l] = await c.publicClient.getContractEvents({
          address: mailbox,
          abi: mailboxAbi,
          eventName: "ProcessId",
          args: { messageId: id },
          fromBlock: 0n,
        });
        if (l) return l.transactionHash;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const messageIdIn = (logs: readonly { address: Address; topics: readonly Hex[] }[], mailbox: Address) =>
      // DispatchId(bytes32 indexed messageId): the Mailbox's second event of a dispatch.
      logs.filter((l) => l.address.toLowerCase() === mailbox.toLowerCase() && l.topics.length === 2).at(-1)!.topics[1]!;

    const credit: { ms: number; blocksA: number; blocksB: number; depositGas: bigint; processGas: bigint }[] = [];
    const release: { ms: number; withdrawGas: bigint; processGas: bigint }[] = [];
    for (let r = 0; r < rounds; r++) {
      // Deposit on B → borrowing power on A.
      const headA0 = await userA.publicClient.getBlockNumber();
      const t0 = performance.now();
      const dep = await userB.send({
        address: outpost,
        abi: abiOf("CollateralOutpost"),
        functionName: "deposit",
        args: [weth, amount, market, id, userA.account.address],
      });
      let counted = 0n;
      while (counted < amount) {
        counted = await userA.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralOf", args: [id, claim] });
        if (counted < amount) await new Promise((res) => setTimeout(res, 50));
      }
      const ms = performance.now() - t0;
      const processTx = await deliveryOf(userA, x.gateway.hyperlane.mailbox, messageIdIn(dep.logs, x.outpost.hyperlane.mailbox));
      const processReceipt = await userA.publicClient.getTransactionReceipt({ hash: processTx });
      credit.push({
        ms,
        blocksA: Number(processReceipt.blockNumber - headA0),
        blocksB: Number((await userB.publicClient.getBlockNumber()) - dep.blockNumber),
        depositGas: dep.gasUsed,
        processGas: processReceipt.gasUsed,
      });
      // Withdraw on A → tokens on B.
      const balB0 = await userB.publicClient.readContract({
        address: weth,
        abi: devErc20Abi,
        functionName: "balanceOf",
        args: [userB.account.address],
      });
      const t1 = performance.now();
      const w = await userA.send({
        address: gateway,
        abi: abiOf("CollateralGateway"),
        functionName: "withdraw",
        args: [market, id, claim, amount, userB.account.address],
      });
      for (;;) {
        const bal = await userB.publicClient.readContract({
          address: weth,
          abi: devErc20Abi,
          functionName: "balanceOf",
          args: [userB.account.address],
        });
        if (bal === balB0 + amount) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      const rms = performance.now() - t1;
      const relTx = await deliveryOf(userB, x.outpost.hyperlane.mailbox, messageIdIn(w.logs, x.gateway.hyperlane.mailbox));
      release.push({ ms: rms, withdrawGas: w.gasUsed, processGas: await gasOf(userB, relTx) });
      console.log(`  round ${r + 1}: credit ${Math.round(ms)} ms, release ${Math.round(rms)} ms`);
    }
    // Reconcile, as the chain test does.
    const supply = await userA.publicClient.readContract({ address: claim, abi: devErc20Abi, functionName: "totalSupply" });
    const locked = (await userB.publicClient.readContract({
      address: outpost,
      abi: abiOf("CollateralOutpost"),
      functionName: "locked",
      args: [weth],
    })) as bigint;
    if (supply !== locked) throw new Error(`claims on A ${supply} ≠ locked on B ${locked}`);

    const lines = [
      "# Cross-chain collateral (Hyperlane)",
      "",
      `Command: \`npm run bench:crosschain -- --rounds ${rounds} --interval ${intervalMs} --block-time ${blockTime}\` on ${os.cpus().length} shared cores (load average ${os.loadavg()[0]!.toFixed(1)} at the end).`,
      "",
      `Two anvils (chain A 31337 with Keel, chain B 31338 with the outpost), each mining a block every ${blockTime} s; Hyperlane core from \`@hyperlane-xyz/core\` 12.1.0 on both (message-id multisig ISM, 1 of 1 local validator: agents/hyperlane-validator.ts); Hyperlane's relayer (\`@hyperlane-xyz/sdk\` 20.1.0 HyperlaneRelayer, agents/hyperlane-relayer/) and the validator poll every ${intervalMs} ms. Each round: 1 WETH deposited on B for a Keel USDC vault on A, then withdrawn back to B. Times are wall clock from sending the transaction to the effect being readable on the other chain.`,
      "",
      "| | median | min | max |",
      "|---|---|---|---|",
      `| Deposit on B → borrowing power on A | ${fmt(Math.round(median(credit.map((c) => c.ms))))} ms | ${fmt(Math.round(Math.min(...credit.map((c) => c.ms))))} ms | ${fmt(Math.round(Math.max(...credit.map((c) => c.ms))))} ms |`,
      `| … blocks on A (from the deposit's send to the delivery) | ${median(credit.map((c) => c.blocksA))} | ${Math.min(...credit.map((c) => c.blocksA))} | ${Math.max(...credit.map((c) => c.blocksA))} |`,
      `| Withdraw on A → tokens on B | ${fmt(Math.round(median(release.map((c) => c.ms))))} ms | ${fmt(Math.round(Math.min(...release.map((c) => c.ms))))} ms | ${fmt(Math.round(Math.max(...release.map((c) => c.ms))))} ms |`,
      "",
      "Gas (median of the rounds):",
      "",
      "| Transaction | Chain | Paid by | Gas |",
      "|---|---|---|---|",
      `| \`CollateralOutpost.deposit\` (lock, Mailbox.dispatch, merkle tree insert) | B | depositor | ${fmt(median(credit.map((c) => Number(c.depositGas))))} |`,
      `| \`Mailbox.process\` of the Credit (ISM signature check, mint claims, deposit into the vault) | A | relayer | ${fmt(median(credit.map((c) => Number(c.processGas))))} |`,
      `| \`CollateralGateway.withdraw\` (market withdrawal with its LTV check, burn, dispatch) | A | owner | ${fmt(median(release.map((c) => Number(c.withdrawGas))))} |`,
      `| \`Mailbox.process\` of the Release (ISM check, transfer) | B | relayer | ${fmt(median(release.map((c) => Number(c.processGas))))} |`,
      "",
      `Reconciled after the run: claims on A = WETH locked on B = ${supply}.`,
      "",
      "What dominates the latency: one block on B for the deposit, the relayer's poll interval, one block on A for the delivery. On real networks add the origin chain's finality the validators wait for (Hyperlane validators sign only finalized checkpoints), which is minutes on Ethereum and seconds on fast L2s.",
      "",
    ];
    const out = path.join(repoRoot, "bench", "results", "crosschain.md");
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    relayerStops.forEach((s) => s());
    await Promise.all([a.stop(), b.stop()]);
  }
}

main().catch((e: Error) => {
  console.error(`✖ bench:crosschain failed: ${e.message}`);
  process.exit(1);
});
