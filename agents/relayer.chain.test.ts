import type { ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatUnits, parseEventLogs, parseUnits, type Abi, type Address, type Hex } from "viem";
import { devErc20Abi, devPriceFeedAbi, keelLensAbi, keelMarketAbi } from "@/contracts-abi";
import type { CrossChainDeployment } from "@/lib/crosschain/deployment";
import { mailboxAbi, parseMessage } from "@/lib/crosschain/hyperlane";
import { readFileSync } from "node:fs";
import { depositCall, feeWithHeadroom, gatewayOperatorCall, withdrawCall } from "@/lib/crosschain/actions";
import { parseCrossChainDeployment } from "@/lib/crosschain/deployment";
import { LATE_AFTER_SECONDS, messageProgress, readCrossChainMessages } from "@/lib/crosschain/messages";
import type { Deployment } from "@/lib/config/deployment";
import { clientsFor } from "@/lib/server/clients";
import { deployLocal, SECOND_CHAIN_ID } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { abiOf } from "@/scripts/lib/artifacts";
import { ensureHyperlaneRelayer, onLines, spawnRelayer, spawnValidator, untilStarted } from "@/scripts/lib/relayer";
import { crossChainLocal } from "@/scripts/lib/deploy-hyperlane";
import { AGENT_KEYS } from "@/lib/server/dev-keys";
import { privateKeyToAccount } from "viem/accounts";
import { startKeeper } from "./keeper";

const gatewayAbi = abiOf("CollateralGateway");
const outpostAbi = abiOf("CollateralOutpost");

/** Polls `read` until `done` holds (the relayer works on its own clock), or fails after `ms`. */
async function until<T>(read: () => Promise<T>, done: (x: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const x = await read();
    if (done(x)) return x;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms (last value ${String(x)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Two anvils with Keel and Hyperlane core on each, the gateway on A and the outpost on B, the validator
 * (agents/hyperlane-validator.ts) and Hyperlane's relayer (the SDK's HyperlaneRelayer, agents/hyperlane-relayer/) as
 * their own processes: a deposit on B becomes borrowing power on A; with the relayer killed, a deposit waits in flight
 * and is credited when it restarts; a price fall makes the vault liquidatable, a liquidator seizes the claims on A and
 * redeems them for WETH on B; the totals on both chains reconcile to the wei. A Credit whose delivery reverts reads
 * as failed, with its reason, and is delivered once the cause is fixed.
 */
describe("cross-chain collateral through Hyperlane (two anvils, the validator and Hyperlane's relayer)", () => {
  let a: Anvil;
  let b: Anvil;
  let da: Deployment;
  let db: Deployment;
  let x: CrossChainDeployment;
  let relayer: ChildProcess | undefined;
  let validator: ChildProcess | undefined;
  let storageUrl = "";
  const relayerLog: string[] = [];
  const rpcs = () => [
    { chainId: da.chainId, url: a.url },
    { chainId: db.chainId, url: b.url },
  ];

  /** Hyperlane's relayer as its own process, once it has loaded the SDK and started (its JSON lines kept). */
  async function startRelayerProcess() {
    const child = spawnRelayer(file, rpcs(), { stdio: ["ignore", "pipe", "inherit"], storageUrl, intervalMs: 300 });
    onLines(child, (l) => relayerLog.push(l));
    await untilStarted(child, "Hyperlane relayer");
    return child;
  }
  async function killRelayer() {
    if (!relayer || relayer.exitCode !== null || relayer.signalCode !== null) return;
    const exited = new Promise((r) => relayer!.once("exit", r));
    relayer.kill("SIGKILL"); // no goodbye: the state it had in memory is gone
    await exited;
  }
  let file = "";

  beforeAll(async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), "keel-crosschain-"));
    [a, b] = await Promise.all([startAnvil({ port: await freePort() }), startAnvil({ port: await freePort(), chainId: SECOND_CHAIN_ID })]);
    const xc = crossChainLocal({ remoteDomain: SECOND_CHAIN_ID });
    [{ deployment: da }, { deployment: db }] = await Promise.all([
      deployLocal({ rpcUrl: a.url, outDir, beforeSupply: xc.beforeSupply }),
      deployLocal({ rpcUrl: b.url, chainId: SECOND_CHAIN_ID, outDir }),
    ]);
    ({ deployment: x, file } = await xc.finish(clientsFor(b.url, db.chainId, ANVIL_KEYS[0]!), db, outDir));
    await ensureHyperlaneRelayer((l) => console.log(l));
    const port = await freePort();
    storageUrl = `http://127.0.0.1:${port}`;
    validator = spawnValidator(file, rpcs(), { stdio: ["ignore", "pipe", "inherit"], dir: path.join(outDir, "validator"), port, intervalMs: 300 });
    await untilStarted(validator, "Hyperlane validator");
    relayer = await startRelayerProcess();
  }, 600_000);
  afterAll(async () => {
    validator?.kill("SIGKILL");
    await Promise.all([killRelayer(), a?.stop(), b?.stop()]);
  });

  it("deposit on B → borrow on A; relayer killed and restarted; liquidation redeemed on B; totals reconcile", async () => {
    const alice = { a: clientsFor(a.url, da.chainId, ANVIL_KEYS[1]!), b: clientsFor(b.url, db.chainId, ANVIL_KEYS[1]!) };
    const market = x.gateway.claims[0]!.market;
    const xWeth = x.gateway.claims.find((c) => c.asset === "WETH")!.claim;
    const wethB = x.outpost.tokens.find((t) => t.asset === "WETH")!.token;
    const outpost = x.outpost.outpost;
    const gateway = x.gateway.gateway;
    const readA = (address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
      alice.a.publicClient.readContract({ address, abi, functionName, args }) as Promise<bigint>;
    const readB = (address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
      alice.b.publicClient.readContract({ address, abi, functionName, args }) as Promise<bigint>;

    // The messages the relayers say reached their end. A relayer logs a delivery after its receipt, which may come a
    // poll after the balance this test saw change; a relayer killed in between never logs it (seen once under CI's
    // load, the first relayer killed before its line): so before each kill the test waits for the line, as an operator
    // stopping a relayer waits for its delivery to be confirmed. A relayer whose own delivery was mined but whose wait
    // for the receipt failed logs `delivery-failed`, then `already-delivered` at its retry: that message ended too.
    const ended = () => {
      const ids = relayerLog
        .filter((l) => l.includes('"event":"delivered"') || l.includes('"event":"already-delivered"'))
        .map((l) => (JSON.parse(l) as { id: string }).id);
      return new Set(ids);
    };
    const endedCount = (n: number) =>
      until(
        async () => ended().size,
        (size) => size >= n,
        90_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message}; the relayers' log:\n${relayerLog.slice(-30).join("\n")}`);
      });

    // Alice opens an empty vault on A and deposits 10 WETH on B for it.
    await alice.a.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const id = await readA(market, keelMarketAbi, "vaultCount");
    const deposit = async (amount: bigint) => {
      await alice.b.send({ address: wethB, abi: devErc20Abi, functionName: "approve", args: [outpost, amount] });
      return alice.b.send({ address: outpost, abi: outpostAbi, functionName: "deposit", args: [wethB, amount, market, id, alice.a.account.address] });
    };
    await deposit(parseUnits("10", 18));
    const collateral = () => readA(market, keelMarketAbi, "collateralOf", [id, xWeth]);
    await until(collateral, (c) => c === parseUnits("10", 18));

    // Borrowing power on A: 10 × $3,000 × 70 % = $21,000.
    await alice.a.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("20000", 6), alice.a.account.address] });

    // The relayer dies (once it has logged the first credit's delivery); a second deposit waits on B, in flight,
    // counted on neither side as credited.
    await endedCount(1);
    await killRelayer();
    const receipt = await deposit(parseUnits("1", 18));
    const [dispatch] = parseEventLogs({ abi: mailboxAbi, eventName: "Dispatch", logs: receipt.logs });
    const inFlight = parseMessage(dispatch!.args.message).id;
    const delivered = (id: Hex) =>
      alice.a.publicClient.readContract({ address: x.gateway.hyperlane.mailbox, abi: mailboxAbi, functionName: "delivered", args: [id] });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await collateral()).toBe(parseUnits("10", 18));
    expect(await readB(outpost, outpostAbi, "locked", [wethB])).toBe(parseUnits("11", 18));
    expect(await readA(gateway, gatewayAbi, "credited", [xWeth])).toBe(parseUnits("10", 18));
    expect(await delivered(inFlight)).toBe(false);
    const states = () =>
      readCrossChainMessages({ a: alice.a.publicClient, b: alice.b.publicClient, deployment: x, account: alice.a.account.address });
    expect((await states()).map((m) => [m.kind, m.nonce, m.state])).toEqual([
      ["credit", 1n, "delivered"],
      ["credit", 2n, "dispatched"],
    ]);
    expect((await states())[1]!.id).toBe(inFlight);
    // A restarted relayer (nothing in memory) rescans and delivers it, once.
    relayer = await startRelayerProcess();
    await until(collateral, (c) => c === parseUnits("11", 18));
    expect(await delivered(inFlight)).toBe(true);

    // The relayer dies again (its delivery logged); the keeper (agents/keeper.ts with the cross-chain deployment) is
    // watching chain A.
    await endedCount(2);
    await killRelayer();
    const keeperLog: string[] = [];
    const keeper = startKeeper({
      rpcUrl: a.url,
      deployment: da,
      crossChain: x,
      log: (l) => {
        keeperLog.push(l);
        if (process.env.KEEL_AGENT_LOG) appendFileSync(process.env.KEEL_AGENT_LOG, `${l}\n`);
      },
    });
    const keeperAddress = privateKeyToAccount(AGENT_KEYS.keeper).address;
    const keeperWethBefore = await readB(wethB, devErc20Abi, "balanceOf", [keeperAddress]);
    const supplyBefore = await readA(xWeth, devErc20Abi, "totalSupply");

    // ETH falls to $2,300: 11 × 2,300 × 75 % = $18,975 < $20,000 of debt. The keeper liquidates the vault's claims
    // with its own USDC (no pool to sell a claim into) and redeems them through the gateway, to its address on B.
    const feedOwner = clientsFor(a.url, da.chainId, ANVIL_KEYS[0]!);
    const ethFeed = da.assets.find((s) => s.symbol === "WETH")!.feed;
    await feedOwner.send({ address: ethFeed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("2300", 8)] });
    await until(
      async () => keeper.stats.claimsRedeemed,
      (n) => n === 1,
    );
    const event = (name: string) => keeperLog.map((l) => JSON.parse(l) as Record<string, string>).filter((l) => l.event === name);
    const [liquidated] = event("claim-liquidated");
    const [redeemed] = event("claims-redeemed");
    const seized = BigInt(liquidated!.seized!);
    expect(liquidated).toMatchObject({ id: id.toString(), claim: xWeth });
    expect(seized).toBeGreaterThan(0n);
    expect(await collateral()).toBe(parseUnits("11", 18) - seized);
    expect(redeemed).toMatchObject({ claim: xWeth, amount: seized.toString(), recipient: keeperAddress, chain: db.chainId });
    expect(await readA(xWeth, devErc20Abi, "balanceOf", [keeperAddress])).toBe(0n);
    expect(await readA(xWeth, devErc20Abi, "totalSupply")).toBe(supplyBefore - seized);
    expect(await readA(market, keelMarketAbi, "debtOf", [id])).toBeLessThan(parseUnits("20000", 6));
    // Relayer down: the Release waits on A, in flight; nothing released on B yet, the WETH still locked there.
    await new Promise((r) => setTimeout(r, 1_500));
    const deliveredOnB = (id: Hex) =>
      alice.b.publicClient.readContract({ address: x.outpost.hyperlane.mailbox, abi: mailboxAbi, functionName: "delivered", args: [id] });
    expect(await deliveredOnB(redeemed!.messageId as Hex)).toBe(false);
    expect(await readB(wethB, devErc20Abi, "balanceOf", [keeperAddress])).toBe(keeperWethBefore);
    expect(await readB(outpost, outpostAbi, "locked", [wethB])).toBe(parseUnits("11", 18));
    const everyMessage = () => readCrossChainMessages({ a: alice.a.publicClient, b: alice.b.publicClient, deployment: x });
    expect((await everyMessage()).at(-1)).toMatchObject({ kind: "release", amount: seized, state: "dispatched", id: redeemed!.messageId });
    await keeper.stop();
    // (The price fall also makes the deployment's demo WETH vaults liquidatable: KeelLiquidator's business, not checked here.)
    expect([...event("claim-liquidation-failed"), ...event("claim-redeem-failed")]).toEqual([]);
    expect(keeper.stats).toMatchObject({ claimLiquidations: 1, claimsRedeemed: 1 });
    // The demo WETH batch's gas limit covers its cold first liquidation (it ran out of gas at 460,000 of the 471,994 it
    // needs: the gas model's perBatch), and a claim vault liquidated a scan ago is skipped, not an error.
    expect(keeper.stats).toMatchObject({ txReverted: 0, errors: 0 });

    // A fresh relayer delivers the Release: the keeper's WETH arrives on B.
    relayer = await startRelayerProcess();
    await until(
      () => readB(wethB, devErc20Abi, "balanceOf", [keeperAddress]),
      (bal) => bal === keeperWethBefore + seized,
    );
    expect(await deliveredOnB(redeemed!.messageId as Hex)).toBe(true);

    // Reconcile to the wei: claims on A = WETH locked on B = the outpost's balance; every message delivered once.
    const supply = await readA(xWeth, devErc20Abi, "totalSupply");
    const locked = await readB(outpost, outpostAbi, "locked", [wethB]);
    expect(locked).toBe(supply);
    expect(await readB(wethB, devErc20Abi, "balanceOf", [outpost])).toBe(locked);
    expect(supply).toBe(parseUnits("11", 18) - seized);
    // Token by token: deposited on B = credited + refused on A; released on B = redeemed + refused returned on A.
    expect(await readB(outpost, outpostAbi, "deposited", [wethB])).toBe(
      (await readA(gateway, gatewayAbi, "credited", [xWeth])) + (await readA(gateway, gatewayAbi, "refusedTotal", [wethB])),
    );
    expect(await readB(outpost, outpostAbi, "released", [wethB])).toBe(
      (await readA(gateway, gatewayAbi, "redeemed", [xWeth])) + (await readA(gateway, gatewayAbi, "returnedTotal", [wethB])),
    );
    expect(await readA(gateway, gatewayAbi, "redeemed", [xWeth])).toBe(seized);
    // Three relayers: the first delivered the first credit, the second the in-flight credit, the third the release
    // (`ended` above).
    await endedCount(3);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(ended().size).toBe(3);
    // never delivered twice: one `delivered` line per message at most
    const deliveredIds = relayerLog.filter((l) => l.includes('"event":"delivered"')).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(new Set(deliveredIds).size).toBe(deliveredIds.length);
    const all = await everyMessage();
    expect(all.map((m) => [m.kind, m.amount, m.state])).toEqual([
      ["credit", parseUnits("10", 18), "delivered"],
      ["credit", parseUnits("1", 18), "delivered"],
      ["release", seized, "delivered"],
    ]);
  }, 400_000);

  it("the vault page's journey through lib/crosschain: deposit with a fee, in flight → late (relayer down) → credited, withdraw → released", async () => {
    // The app's own call builders and message reads (app/vault/[chainId]/[id]/_components/cross-chain-panel.tsx):
    // a Playwright journey would need a second chain in the e2e stack's production build (docs/cross-chain.md).
    expect(parseCrossChainDeployment(JSON.parse(readFileSync(file, "utf8")))).toEqual(x);
    const bob = { a: clientsFor(a.url, da.chainId, ANVIL_KEYS[2]!), b: clientsFor(b.url, db.chainId, ANVIL_KEYS[2]!) };
    const me = bob.a.account.address;
    const market = x.gateway.claims[0]!.market;
    const weth = x.outpost.tokens.find((t) => t.asset === "WETH")!;
    await bob.a.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const id = (await bob.a.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) as bigint;
    const amount = parseUnits("2", 18);
    const fee = (await bob.b.publicClient.readContract({
      address: x.outpost.outpost,
      abi: outpostAbi,
      functionName: "quoteDeposit",
      args: [weth.token, 1n, market, id, me],
    })) as bigint;
    const messages = () => readCrossChainMessages({ a: bob.a.publicClient, b: bob.b.publicClient, deployment: x, account: me });
    const collateral = () =>
      bob.a.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralOf", args: [id, weth.claim] });

    // Relayer down: the deposit dispatches (with a fee's headroom, refunded) and stays in flight, then reads as late.
    await killRelayer();
    await bob.b.send({ address: weth.token, abi: devErc20Abi, functionName: "approve", args: [x.outpost.outpost, amount] });
    const ethBefore = await bob.b.publicClient.getBalance({ address: me });
    const call = depositCall(x, { token: weth.token, amount, market, vaultId: id, account: me, fee });
    expect(call.value).toBe(feeWithHeadroom(fee));
    const r = await bob.b.send({ ...call, abi: call.abi as Abi, args: [...call.args] });
    expect(ethBefore - (await bob.b.publicClient.getBalance({ address: me }))).toBe(r.gasUsed * r.effectiveGasPrice + fee);
    const [credit] = await messages();
    expect(credit).toMatchObject({ kind: "credit", amount, vaultId: id, state: "dispatched" });
    const at = Number((await bob.b.publicClient.getBlock({ blockNumber: credit!.dispatchBlock })).timestamp);
    expect(messageProgress(credit!, at, at + 2)).toBe("inFlight");
    expect(messageProgress(credit!, at, at + LATE_AFTER_SECONDS + 1)).toBe("late");
    expect(await collateral()).toBe(0n);

    // The relayer is back: credited, and the message reads delivered.
    relayer = await startRelayerProcess();
    await until(collateral, (c) => c === amount);
    expect((await messages()).map((m) => [m.kind, m.state, m.landed])).toEqual([["credit", "delivered", "vault"]]);

    // Withdraw half back to B: the gateway made operator once, then the withdrawal; the release is delivered on B.
    await bob.a.send({ ...gatewayOperatorCall(x, market), abi: keelMarketAbi as Abi, args: [x.gateway.gateway, true] });
    const releaseFee = (await bob.a.publicClient.readContract({
      address: x.gateway.gateway,
      abi: gatewayAbi,
      functionName: "quoteRelease",
      args: [weth.claim, 1n, me],
    })) as bigint;
    const w = withdrawCall(x, { market, vaultId: id, claim: weth.claim, amount: amount / 2n, recipient: me, fee: releaseFee });
    const before = (await bob.b.publicClient.readContract({
      address: weth.token,
      abi: devErc20Abi,
      functionName: "balanceOf",
      args: [me],
    })) as bigint;
    await bob.a.send({ ...w, abi: w.abi as Abi, args: [...w.args] });
    expect(await collateral()).toBe(amount / 2n);
    await until(
      () => bob.b.publicClient.readContract({ address: weth.token, abi: devErc20Abi, functionName: "balanceOf", args: [me] }) as Promise<bigint>,
      (bal) => bal === before + amount / 2n,
    );
    expect((await messages()).map((m) => [m.kind, m.amount, m.state])).toEqual([
      ["credit", amount, "delivered"],
      ["release", amount / 2n, "delivered"],
    ]);
  }, 300_000);

  it("a Credit whose delivery reverts reads as failed with its reason; the relayer retries and delivers it once fixed", async () => {
    const owner = { a: clientsFor(a.url, da.chainId, ANVIL_KEYS[0]!), b: clientsFor(b.url, db.chainId, ANVIL_KEYS[0]!) };
    const erin = { a: clientsFor(a.url, da.chainId, ANVIL_KEYS[2]!), b: clientsFor(b.url, db.chainId, ANVIL_KEYS[2]!) };
    const me = erin.a.account.address;
    const market = x.gateway.claims[0]!.market;
    const usdcB = db.assets.find((s) => s.symbol === "USDC")!;
    const amount = parseUnits("100", usdcB.decimals);
    if (!relayer || relayer.exitCode !== null || relayer.signalCode !== null) relayer = await startRelayerProcess();

    // The outpost's owner accepts B's USDC, but chain A has no claim for it yet: its Credit reverts on delivery.
    await owner.b.send({ address: x.outpost.outpost, abi: outpostAbi, functionName: "setSupported", args: [usdcB.address, true] });
    await erin.a.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const id = (await erin.a.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) as bigint;
    await erin.b.send({ address: usdcB.address, abi: devErc20Abi, functionName: "mint", args: [erin.b.account.address, amount] });
    await erin.b.send({ address: usdcB.address, abi: devErc20Abi, functionName: "approve", args: [x.outpost.outpost, amount] });
    const dep = depositCall(x, { token: usdcB.address, amount, market, vaultId: id, account: me, fee: 0n });
    const r = await erin.b.send({ ...dep, abi: dep.abi as Abi, args: [...dep.args] });
    const [dispatch] = parseEventLogs({ abi: mailboxAbi, eventName: "Dispatch", logs: r.logs });
    const messageId = parseMessage(dispatch!.args.message).id;
    const messages = () => readCrossChainMessages({ a: erin.a.publicClient, b: erin.b.publicClient, deployment: x, account: me });
    const mine = (ms: Awaited<ReturnType<typeof messages>>) => ms.find((m) => m.id === messageId);
    const failed = mine(await until(messages, (ms) => mine(ms)?.state === "failed", 120_000));
    expect(failed).toMatchObject({ id: messageId, kind: "credit", state: "failed", failure: { kind: "revert", errorName: "UnknownRemoteAsset" } });
    // A token the deployment does not name is shown in its own units (read from it on B), not as 18 decimals.
    expect(failed).toMatchObject({ amount, symbol: "USDC", decimals: usdcB.decimals });
    expect(messageProgress(failed!, undefined, 0)).toBe("failed");
    // Hyperlane's relayer tried it and failed, and keeps trying.
    const failures = () => relayerLog.filter((l) => l.includes('"event":"delivery-failed"') && l.includes(messageId)).length;
    await until(
      async () => failures(),
      (n) => n >= 2,
    );

    // The gateway's owner adds a claim for B's USDC and binds it: the next retry delivers it, once, and mints the
    // claims (where they land — the vault or Erin's wallet — is the gateway's business, tested in forge).
    const added = await owner.a.send({
      address: x.gateway.gateway,
      abi: gatewayAbi,
      functionName: "addClaim",
      args: ["Keel claim: USDC on chain B", "xUSDC", usdcB.decimals],
    });
    const [claimAdded] = parseEventLogs({ abi: gatewayAbi, eventName: "ClaimAdded", logs: added.logs }) as unknown as { args: { claim: Address } }[];
    const claim = claimAdded!.args.claim;
    await owner.a.send({ address: x.gateway.gateway, abi: gatewayAbi, functionName: "bindRemoteToken", args: [claim, usdcB.address] });
    const delivered = mine(await until(messages, (ms) => mine(ms)?.state === "delivered", 120_000));
    expect(delivered).toMatchObject({ id: messageId, state: "delivered" });
    expect(delivered!.failure).toBeUndefined();
    expect(await erin.a.publicClient.readContract({ address: claim, abi: devErc20Abi, functionName: "totalSupply" })).toBe(amount);
    const logged = () => relayerLog.filter((l) => l.includes('"event":"delivered"') && l.includes(messageId));
    await until(
      async () => logged().length,
      (n) => n >= 1,
      90_000,
    );
    expect(logged()).toHaveLength(1);
  }, 300_000);

  it("K-1: a claim transaction stuck under a fee spike holds up neither the keeper's scans nor its next liquidation", async () => {
    // Chain A mines only when told (each block waits for the keeper to have looked at the one before), so the count
    // of blocks is exact. A claim vault (xWBTC) becomes liquidatable; while the keeper's claim liquidation waits in the
    // node's pool, the base fee jumps to 10 gwei (over that transaction's fee); then ETH falls and an ordinary WETH
    // vault must be liquidated within a few blocks. Before the fix the claim transaction went out at the node's default
    // fee with no replacement and the scan awaited it: nothing was liquidated until the base fee fell back (~18 blocks).
    const dave = { a: clientsFor(a.url, da.chainId, ANVIL_KEYS[3]!), b: clientsFor(b.url, db.chainId, ANVIL_KEYS[3]!) };
    const carol = clientsFor(a.url, da.chainId, ANVIL_KEYS[4]!);
    const feedOwner = clientsFor(a.url, da.chainId, ANVIL_KEYS[0]!);
    const market = x.gateway.claims[0]!.market;
    const wbtc = x.outpost.tokens.find((t) => t.asset === "WBTC")!;
    const read = (address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
      feedOwner.publicClient.readContract({ address, abi, functionName, args }) as Promise<bigint>;
    const rpc = (method: string, params: unknown[] = []) => feedOwner.publicClient.request({ method, params } as never);
    const keeperAddress = privateKeyToAccount(AGENT_KEYS.keeper).address;

    // Dave: 1 WBTC from B in a vault on A, borrowed to 97 % of its limit.
    await dave.a.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const daveId = await read(market, keelMarketAbi, "vaultCount");
    const btcDecimals = await dave.b.publicClient.readContract({ address: wbtc.token, abi: devErc20Abi, functionName: "decimals" });
    const oneBtc = parseUnits("1", btcDecimals);
    await dave.b.send({ address: wbtc.token, abi: devErc20Abi, functionName: "mint", args: [dave.b.account.address, oneBtc] });
    await dave.b.send({ address: wbtc.token, abi: devErc20Abi, functionName: "approve", args: [x.outpost.outpost, oneBtc] });
    const fee = (await dave.b.publicClient.readContract({
      address: x.outpost.outpost,
      abi: outpostAbi,
      functionName: "quoteDeposit",
      args: [wbtc.token, oneBtc, market, daveId, dave.a.account.address],
    })) as bigint;
    const dep = depositCall(x, { token: wbtc.token, amount: oneBtc, market, vaultId: daveId, account: dave.a.account.address, fee });
    await dave.b.send({ ...dep, abi: dep.abi as Abi, args: [...dep.args] });
    await until(
      () => read(market, keelMarketAbi, "collateralOf", [daveId, wbtc.claim]),
      (c) => c === oneBtc,
    );
    const vault = async (id: bigint) => {
      const [vaults] = (await feedOwner.publicClient.readContract({
        address: da.contracts.lens!,
        abi: keelLensAbi,
        functionName: "getVaults",
        args: [market, id - 1n, 1n],
      })) as readonly [readonly { id: bigint; borrowLimitValue: bigint; debt: bigint }[], unknown];
      return vaults[0]!;
    };
    const limit = (await vault(daveId)).borrowLimitValue; // USD, WAD; USDC at $1
    await dave.a.send({
      address: market,
      abi: keelMarketAbi,
      functionName: "borrow",
      args: [daveId, (limit * 97n) / 100n / 10n ** 12n, dave.a.account.address],
    });
    // Carol: an ordinary vault (KeelLiquidator's business), 10 WETH, borrowed to 95 % of its limit.
    const wethA = da.assets.find((s) => s.symbol === "WETH")!;
    const tenEth = parseUnits("10", 18);
    await carol.send({ address: wethA.address, abi: devErc20Abi, functionName: "mint", args: [carol.account.address, tenEth] });
    await carol.send({ address: wethA.address, abi: devErc20Abi, functionName: "approve", args: [market, tenEth] });
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const carolId = await read(market, keelMarketAbi, "vaultCount");
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [carolId, wethA.address, tenEth] });
    const carolLimit = (await vault(carolId)).borrowLimitValue;
    await carol.send({
      address: market,
      abi: keelMarketAbi,
      functionName: "borrow",
      args: [carolId, (carolLimit * 95n) / 100n / 10n ** 12n, carol.account.address],
    });
    const carolDebt = await read(market, keelMarketAbi, "debtOf", [carolId]);

    const keeperLog: string[] = [];
    const keeper = startKeeper({
      rpcUrl: a.url,
      deployment: da,
      crossChain: x,
      log: (l) => {
        keeperLog.push(l);
        if (process.env.KEEL_AGENT_LOG) appendFileSync(process.env.KEEL_AGENT_LOG, `${l}\n`);
      },
    });
    // Its set-up sent and its first scan done while the node still mines on its own.
    await until(
      async () => keeper.stats.scans,
      (n) => n > 0,
    );
    await keeper.idle();
    await rpc("evm_setAutomine", [false]);
    try {
      /** Mines one block and waits until the keeper has seen it and its scan (if any) is done. */
      const mine = async () => {
        const seen = keeper.stats.blocks;
        await rpc("evm_mine");
        await until(
          async () => keeper.stats.blocks,
          (n) => n > seen,
          20_000,
        );
        await new Promise((r) => setTimeout(r, 300));
        await Promise.race([keeper.scan.running(), new Promise((r) => setTimeout(r, 5_000))]);
        await new Promise((r) => setTimeout(r, 300));
        return feedOwner.publicClient.getBlockNumber({ cacheTime: 0 });
      };
      /** A feed update sent at the node's current fees, mined in the next block. */
      const setPrice = async (symbol: string, usd: string) => {
        const feed = da.assets.find((s) => s.symbol === symbol)!.feed;
        await feedOwner.walletClient.writeContract({
          address: feed,
          abi: devPriceFeedAbi,
          functionName: "setAnswer",
          args: [parseUnits(usd, 8)],
        } as never);
        return mine();
      };
      const answer = async (symbol: string) =>
        (
          (await feedOwner.publicClient.readContract({
            address: da.assets.find((s) => s.symbol === symbol)!.feed,
            abi: devPriceFeedAbi,
            functionName: "latestRoundData",
          })) as readonly [bigint, bigint, bigint, bigint, bigint]
        )[1];
      // BTC falls 20 %: Dave's vault is liquidatable; the keeper's claim transaction (its approve of the market, or
      // the liquidation) goes to the node's pool.
      await setPrice("WBTC", formatUnits(((await answer("WBTC")) * 80n) / 100n, 8));
      const usdcA = da.markets.find((m) => m.address.toLowerCase() === market.toLowerCase())!.baseAsset;
      const claimPending = async () => {
        const pool = (await rpc("txpool_content")) as { pending: Record<string, Record<string, { to: string }>> };
        const mine = Object.entries(pool.pending).find(([from]) => from.toLowerCase() === keeperAddress.toLowerCase())?.[1] ?? {};
        return Object.values(mine).some((t) => [market.toLowerCase(), usdcA.toLowerCase()].includes(t.to.toLowerCase()));
      };
      await until(claimPending, (p) => p, 20_000);
      // The base fee jumps over it: the next block leaves it out.
      await rpc("anvil_setNextBlockBaseFeePerGas", ["0x" + (10n * 10n ** 9n).toString(16)]);
      await mine();
      // ETH falls 15 %: Carol's vault is liquidatable; count the blocks until the keeper has done it.
      const fall = await setPrice("WETH", formatUnits(((await answer("WETH")) * 85n) / 100n, 8));
      let at: bigint | null = null;
      for (let i = 0; i < 30 && at === null; i++) {
        const block = await mine();
        if ((await read(market, keelMarketAbi, "debtOf", [carolId])) < carolDebt) at = block;
      }
      const dump = keeperLog.filter((l) => /claim|replaced|sent|confirmed|deferred|reverted|failed|taken/.test(l)).join("\n");
      expect(at, dump).not.toBeNull();
      expect(at! - fall, dump).toBeLessThanOrEqual(8n);
      // The claim transaction was replaced at a higher fee, not left to hold the nonce, and Dave's vault liquidated.
      for (let i = 0; i < 10 && keeper.stats.claimLiquidations === 0; i++) await mine();
      expect(keeper.stats.txReplaced, dump).toBeGreaterThan(0);
      expect(keeper.stats.claimLiquidations, dump).toBeGreaterThanOrEqual(1);
      expect((await vault(daveId)).debt).toBeLessThan((limit * 97n) / 100n / 10n ** 12n);
    } finally {
      await rpc("evm_setAutomine", [true]);
      await keeper.stop();
    }
  }, 240_000);
});
