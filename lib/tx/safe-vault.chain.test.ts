import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFunctionData, getAddress, pad, parseEventLogs, parseUnits, zeroAddress, type Abi, type Address, type Hex } from "viem";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { keelGuardAbi } from "@/contracts-abi/abi/KeelGuard";
import { startGuardExecutor } from "@/agents/guard-executor";
import { runScenario } from "@/agents/market-simulator";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { approveCall, openVaultCall, repayAllAllowance, vaultActionCall, type MarketCall } from "../protocols/keel/actions";
import { GUARD_KIND, parseRuleDraft } from "../engine/protection";

// A contract wallet as vault owner: a Safe (the audited 1.4.1 build artifacts from @safe-global/safe-contracts) with two
// owners and a threshold of two opens, funds, borrows against, repays and withdraws a vault through the very calls the
// app builds (lib/view/vault-actions.ts), each executed by the Safe's execTransaction. No ECDSA signature anywhere: the first
// owner approves each Safe transaction's hash on-chain (approveHash) and the second executes it (its own approval is
// msg.sender) — the Safe, not an EOA, owns the vault and sends every approval and action. A second vault of the Safe is
// protected the same way: the guard authorised and a deleverage rule set from the Safe, fired by a stranger's executor.
const require = createRequire(import.meta.url);
const artifact = (name: string) => {
  const file = require.resolve(`@safe-global/safe-contracts/build/artifacts/contracts/${name}.json`);
  const a = JSON.parse(readFileSync(file, "utf8")) as { abi: Abi; bytecode: Hex };
  return a;
};

/** What the lens says of a market's collaterals, as far as the protection form reads it. */
type LensMarketView = { collaterals: readonly { info: { asset: Address; ltv: bigint; liquidationThreshold: bigint } }[] };

describe("a Safe-owned vault, managed through the app's calls", () => {
  let anvil: Anvil;
  let deployment: Deployment;
  let first: ReturnType<typeof clientsFor>; // owner 1: approves hashes
  let second: ReturnType<typeof clientsFor>; // owner 2: executes
  let safe: Address;
  const safeAbi = artifact("Safe.sol/Safe").abi;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-unit-")) }));
    first = clientsFor(anvil.url, 31337, ANVIL_KEYS[1]!);
    second = clientsFor(anvil.url, 31337, ANVIL_KEYS[2]!);
    const singleton = await first.deploy(safeAbi, artifact("Safe.sol/Safe").bytecode);
    const factoryArt = artifact("proxies/SafeProxyFactory.sol/SafeProxyFactory");
    const factory = await first.deploy(factoryArt.abi, factoryArt.bytecode);
    const setup = encodeFunctionData({
      abi: safeAbi,
      functionName: "setup",
      args: [[first.account.address, second.account.address], 2n, zeroAddress, "0x", zeroAddress, zeroAddress, 0n, zeroAddress],
    });
    const receipt = await first.send({ address: factory, abi: factoryArt.abi, functionName: "createProxyWithNonce", args: [singleton, setup, 1n] });
    const created = parseEventLogs({ abi: factoryArt.abi, eventName: "ProxyCreation", logs: receipt.logs })[0] as unknown as {
      args: { proxy: Address };
    };
    safe = getAddress(created.args.proxy);
  });
  afterAll(() => anvil?.stop());

  const asset = (symbol: string) => deployment.assets.find((a) => a.symbol === symbol)!;
  const usdcMarket = () => deployment.markets.find((m) => m.baseAsset === asset("USDC").address)!.address;
  const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
    first.publicClient.readContract({ address, abi, functionName, args }) as Promise<T>;

  /** One Safe transaction: owner 1 approves its hash on-chain, owner 2 executes it. Fails if the inner call fails. */
  async function viaSafe(to: Address, data: Hex) {
    const nonce = await read<bigint>(safe, safeAbi, "nonce");
    const tx = [to, 0n, data, 0, 0n, 0n, 0n, zeroAddress, zeroAddress] as const;
    const hash = await read<Hex>(safe, safeAbi, "getTransactionHash", [...tx, nonce]);
    await first.send({ address: safe, abi: safeAbi, functionName: "approveHash", args: [hash] });
    // "Approved hash" signatures (v = 1, r = the owner), sorted by owner address: no ECDSA signature at all.
    const sig = (owner: Address) => `${pad(owner, { size: 32 }).slice(2)}${"0".repeat(64)}01`;
    const owners = [first.account.address, second.account.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const signatures = `0x${owners.map(sig).join("")}` as Hex;
    const receipt = await second.send({ address: safe, abi: safeAbi, functionName: "execTransaction", args: [...tx, signatures] });
    const failed = parseEventLogs({ abi: safeAbi, eventName: "ExecutionFailure", logs: receipt.logs });
    expect(failed, `Safe transaction to ${to} failed`).toEqual([]);
    return receipt;
  }
  const market = (call: MarketCall) =>
    viaSafe(usdcMarket(), encodeFunctionData({ abi: keelMarketAbi, functionName: call.functionName, args: call.args } as never));
  const approve = (token: Address, amount: bigint) => viaSafe(token, encodeFunctionData({ abi: devErc20Abi, ...approveCall(usdcMarket(), amount) }));
  const balanceOf = (token: Address, who: Address) => read<bigint>(token, devErc20Abi, "balanceOf", [who]);
  const vault = (id: bigint) =>
    read<{ owner: Address; debt: bigint; healthFactor: bigint; collaterals: readonly { asset: Address; amount: bigint }[] }>(
      deployment.contracts.lens!,
      keelLensAbi,
      "getVault",
      [usdcMarket(), id],
    );

  it("opens, funds, borrows, repays all and withdraws everything", async () => {
    const weth = asset("WETH");
    const usdc = asset("USDC");
    const m = usdcMarket();
    await first.send({ address: weth.address, abi: devErc20Abi, functionName: "mint", args: [safe, parseUnits("3", 18)] });

    // Open with a first deposit (one multicall), approved by the Safe.
    const id = (await read<bigint>(m, keelMarketAbi, "vaultCount")) + 1n;
    await approve(weth.address, parseUnits("2", 18));
    await market(openVaultCall({ id, owner: safe, asset: weth.address, amount: parseUnits("2", 18) }));
    expect((await vault(id)).owner).toBe(safe);

    // Fund it more.
    await approve(weth.address, parseUnits("1", 18));
    await market(vaultActionCall({ action: "deposit", vaultId: id, asset: weth.address, amount: parseUnits("1", 18), receiver: safe }));
    expect((await vault(id)).collaterals.find((c) => c.asset === weth.address)?.amount).toBe(parseUnits("3", 18));

    // An owner of the Safe cannot act on the vault by itself: the Safe is the owner.
    await expect(first.send({ address: m, abi: keelMarketAbi, functionName: "borrow", args: [id, 1n, first.account.address] })).rejects.toThrow(
      /Unauthorized|reverted/,
    );

    // Borrow to the Safe.
    await market(vaultActionCall({ action: "borrow", vaultId: id, amount: parseUnits("4000", 6), receiver: safe }));
    expect(await balanceOf(usdc.address, safe)).toBe(parseUnits("4000", 6));
    expect((await vault(id)).debt).toBeGreaterThanOrEqual(parseUnits("4000", 6));

    // Repay all: interest accrued meanwhile, so the Safe needs a little more than it borrowed.
    await first.send({ address: usdc.address, abi: devErc20Abi, functionName: "mint", args: [safe, parseUnits("10", 6)] });
    const debt = (await vault(id)).debt;
    await approve(usdc.address, repayAllAllowance(debt, await balanceOf(usdc.address, safe)));
    await market(vaultActionCall({ action: "repay", vaultId: id, amount: 0n, receiver: safe, repayAll: true }));
    expect((await vault(id)).debt).toBe(0n);

    // Withdraw everything back to the Safe.
    await market(vaultActionCall({ action: "withdraw", vaultId: id, asset: weth.address, amount: parseUnits("3", 18), receiver: safe }));
    expect((await vault(id)).collaterals.find((c) => c.asset === weth.address)?.amount ?? 0n).toBe(0n);
    expect(await balanceOf(weth.address, safe)).toBe(parseUnits("3", 18));
  });

  it("protects itself: the Safe authorises the guard and sets the rule the protection form builds; the executor fires it in a crash", async () => {
    const weth = asset("WETH");
    const m = usdcMarket();
    const guard = deployment.contracts.guard!;
    await first.send({ address: weth.address, abi: devErc20Abi, functionName: "mint", args: [safe, parseUnits("10", 18)] });
    const id = (await read<bigint>(m, keelMarketAbi, "vaultCount")) + 1n;
    await approve(weth.address, parseUnits("10", 18));
    await market(openVaultCall({ id, owner: safe, asset: weth.address, amount: parseUnits("10", 18) }));
    await market(vaultActionCall({ action: "borrow", vaultId: id, amount: parseUnits("20000", 6), receiver: safe }));

    // The rule as the vault page's protection form turns "1.15", "1.4", 1 % and 0.5 % into KeelGuard.setRule's arguments
    // (app/vault/…/protection/rule-form.tsx), then the two transactions its panel sends, here from the Safe.
    const markets = await read<readonly LensMarketView[]>(deployment.contracts.lens!, keelLensAbi, "getMarkets", [[m]]);
    const info = markets[0]!.collaterals.find((c) => c.info.asset === weth.address)!.info;
    const before = await vault(id);
    const parsed = parseRuleDraft(
      { kind: "deleverage", collateral: weth.address, trigger: "1.15", target: "1.4", slippage: "1", fee: "0.5" },
      { lt: BigInt(info.liquidationThreshold), ltv: BigInt(info.ltv), price: 0n, healthFactor: before.healthFactor },
    );
    if (!parsed.ok) throw new Error(`the form refused the rule: ${JSON.stringify(parsed.errors)}`);
    const r = parsed.rule;
    await viaSafe(m, encodeFunctionData({ abi: keelMarketAbi, functionName: "setOperator", args: [guard, true] }));
    await viaSafe(
      guard,
      encodeFunctionData({
        abi: keelGuardAbi,
        functionName: "setRule",
        args: [m, id, GUARD_KIND[r.kind], r.collateral, r.trigger, r.target, r.slippageBps, r.feeBps],
      }),
    );

    // ETH falls 35 % over 12 blocks: anyone's executor (here anvil #3's, watching each block) deleverages the Safe's
    // vault before it can be liquidated, with no signature from the Safe or its owners.
    const executor = startGuardExecutor({ rpcUrl: anvil.url, deployment, key: ANVIL_KEYS[3]!, log: () => {} });
    try {
      await runScenario({ rpcUrl: anvil.url, deployment, name: "crash", steps: 12, stepSeconds: 1, log: () => {} });
      for (let i = 0; i < 3; i++) await executor.run();
    } finally {
      await executor.stop();
    }
    const executed = await first.publicClient.getContractEvents({ address: guard, abi: keelGuardAbi, eventName: "RuleExecuted", fromBlock: 0n });
    expect(executed.some((e) => e.args.market === m && e.args.id === id)).toBe(true);
    const after = await vault(id);
    expect(after.owner).toBe(safe);
    expect(after.debt).toBeLessThan(before.debt);
    // At the crash's last price the vault is back above its trigger: it could not have been liquidated (under 1).
    expect(after.healthFactor).toBeGreaterThan(parseUnits("1.15", 18));
  });
});
