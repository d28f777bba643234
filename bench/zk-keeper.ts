/**
 * `npm run bench:zk-keeper`: the keeper's end-to-end time per private liquidation on anvil — from the start of its pass
 * (the price already dropped) to the liquidation's receipt: mirroring the pool's events, decrypting, pricing, proving
 * in Node, the exact approval, the eth_call, the transaction. A healthy note (40 WETH, 150 USDC) keeps the pool's vault
 * under the market's liquidation threshold, so only the pool liquidates the notes. Each run opens a new note with real
 * proofs (10 WETH, 18,000 USDC at 3,000 USD) and drops WETH to 1,850 USD (past the 85% LT), one keeper pass, the price
 * back; runs alternate two kinds of note: one in the pool's tree, and one an owner's rescue inserted aside (at 2,150
 * USD, 1 WETH sent with `depositAside`: alone at leaf 0 of a tree of its own, still owing, its liquidation's
 * membership proven against that root). Writes bench/results/zk-keeper.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEventLogs, parseUnits, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { startKeeper } from "../agents/keeper";
import { feedOwnerKey } from "../agents/market-simulator";
import { keelPrivatePoolCallAbi } from "../contracts-abi/call";
import { devErc20Abi, devPriceFeedAbi, keelPrivatePoolAbi } from "../contracts-abi";
import { readNoteTree, readPool } from "../hooks/use-private-pool";
import { planAction, poolCall } from "../lib/privacy/actions";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { randomField } from "../lib/privacy/note";
import { proveAction } from "../lib/privacy/prover";
import { clientsFor } from "../lib/server/clients";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { deployLocal } from "../scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil } from "../scripts/lib/anvil";
import { deployPrivatePoolOn, openPrivatePosition } from "../scripts/lib/deploy-private-pool";

const ROOT = path.resolve(import.meta.dirname, "..");
/** Runs of each kind (a note in the pool's tree, a note aside). */
const RUNS = Number(process.env.ZK_KEEPER_RUNS ?? 3);
const E18 = 10n ** 18n;
const KINDS = ["tree", "aside"] as const;

async function main() {
  const loadAtStart = os.loadavg()[0]!;
  const anvil = await startAnvil({ port: await freePort() });
  const tmp = mkdtempSync(path.join(os.tmpdir(), "keel-zk-keeper-"));
  try {
    const { deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: tmp });
    const token = (s: string) => d.assets.find((a) => a.symbol === s)!;
    const deployer = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    const market = d.markets.find((m) => m.baseAsset.toLowerCase() === token("USDC").address.toLowerCase())!;
    const p = await deployPrivatePoolOn(deployer, { market: market.address, collateral: token("WETH").address });
    const user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    const owner = clientsFor(anvil.url, d.chainId, feedOwnerKey(d));
    const keeperAddress = privateKeyToAccount(AGENT_KEYS.keeper).address;
    await user.send({
      address: token("USDC").address,
      abi: devErc20Abi,
      functionName: "mint",
      args: [keeperAddress, 100_000n * BigInt(RUNS) * 10n ** 6n],
    });
    const price = (usd: string) =>
      owner.send({ address: token("WETH").feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits(usd, 8)] });
    const lines: string[] = [];
    const pp = { pool: p.pool, verifier: p.verifier, market: p.market, collateral: p.collateral, startBlock: Number(p.fromBlock) };
    const client = user.publicClient as PublicClient;
    const tree = async () => (await readNoteTree(client, pp)).tree;
    await price("3000");
    await openPrivatePosition(user, p, await tree(), { collateral: 40n * E18, debt: 150n * 10n ** 6n });
    const keeper = startKeeper({
      rpcUrl: anvil.url,
      deployment: d,
      maxLossBps: 0,
      privatePool: { pool: p.pool, fromBlock: p.fromBlock },
      log: (l) => lines.push(l),
    });
    const ms: Record<(typeof KINDS)[number], { e2e: number[]; prove: number[] }> = { tree: { e2e: [], prove: [] }, aside: { e2e: [], prove: [] } };
    try {
      for (let i = 0; i < 2 * RUNS; i++) {
        const kind = KINDS[i % 2]!;
        await price("3000");
        await keeper.idle();
        const ownerKey = randomField();
        const { note } = await openPrivatePosition(user, p, await tree(), { collateral: 10n * E18, debt: 18_000n * 10n ** 6n, ownerKey });
        if (kind === "aside") {
          // the owner's rescue near the LT: 1 WETH deposited aside
          await price("2150");
          await user.send({ address: token("WETH").address, abi: devErc20Abi, functionName: "mint", args: [user.account.address, E18] });
          await user.send({ address: token("WETH").address, abi: devErc20Abi, functionName: "approve", args: [p.pool, E18] });
          const rescue = planAction(
            { kind: "deposit", amount: E18, note, ownerKey, recipient: user.account.address, aside: true },
            await tree(),
            (await readPool(client, d.chainId, pp, token("USDC").address)).state!,
          );
          const landed = await user.send({
            address: p.pool,
            abi: keelPrivatePoolCallAbi,
            ...poolCall(rescue, (await proveAction(rescue.input, CIRCUIT_ARTIFACTS)).solidity),
          });
          if (!parseEventLogs({ abi: keelPrivatePoolAbi, eventName: "NoteInsertedAside", logs: landed.logs }).length) {
            throw new Error(`run ${i + 1}: the rescue was not inserted aside`);
          }
          await keeper.idle();
        }
        await price("1850");
        await keeper.scanPrivate();
        await keeper.idle();
        const s = keeper.privatePool!.stats;
        const done = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "private-liquidated");
        if (s.liquidations !== i + 1 || done.at(-1)?.shares !== note.shares.toString()) {
          throw new Error(
            `run ${i + 1} (${kind}): ${s.liquidations} liquidations\n${lines
              .filter((l) => l.includes('"private-'))
              .slice(-8)
              .join("\n")}`,
          );
        }
        ms[kind].e2e.push(s.liquidationMs.at(-1)!);
        ms[kind].prove.push(s.proveMs.at(-1)!);
        console.log(`run ${i + 1} (${kind}): ${s.liquidationMs.at(-1)} ms end to end, proof ${s.proveMs.at(-1)} ms`);
      }
    } finally {
      await keeper.stop();
    }
    const stat = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const mid = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.floor(sorted.length / 2)]!) / 2;
      return { median: Math.round(mid), min: sorted[0]!, max: sorted.at(-1)! };
    };
    const row = (kind: (typeof KINDS)[number], label: string) => {
      const e2e = stat(ms[kind].e2e);
      const prove = stat(ms[kind].prove);
      return `| ${label} | ${RUNS} | ${e2e.median} ms | ${e2e.min} ms | ${e2e.max} ms | ${prove.median} ms | ${prove.min} ms | ${prove.max} ms |`;
    };
    const md = `# Keeper: private-pool liquidation, end to end

\`npm run bench:zk-keeper\` — ${new Date().toISOString().slice(0, 10)}, circuit v3, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; shared machine (load ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end), so times are upper bounds. Anvil (automine), the local USDC market, one note per run.

From the start of the keeper's private pass (the price already dropped) to the liquidation's receipt: mirroring the
pool's events, decrypting, reading the oracle, proving in Node (snarkjs), the exact approval, the eth_call and the
transaction, and the allowance reset. A note aside is an owner's rescue (\`depositAside\`) that still owes: its
liquidation proves membership against its own tree's root, and its remainder goes into the pool's tree.

| note | runs | end to end: median | min | max | of which proving: median | min | max |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row("tree", "in the pool's tree")}
${row("aside", "aside (depositAside)")}
`;
    console.log(md);
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/results/zk-keeper.md"), md);
  } finally {
    anvil.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
