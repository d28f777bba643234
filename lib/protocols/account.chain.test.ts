import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPublicClient, createTestClient, custom, http, parseUnits, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployLocal } from "@/scripts/deploy-local";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { withGasMargin } from "../tx/gas";
import { liquidationOdds, oddsHealth, oddsVaultFromLens } from "../analytics/liquidation-odds";
import { aavePoolAbi } from "./aave-v3/abi";
import { readAccount, type AccountRead } from "./account";
import { aavePosition } from "./aave-v3/math";
import { morphoBorrowRate } from "./morpho-blue/read";
import { morphoPosition } from "./morpho-blue/math";
import { positionAfter, type PositionAction } from "./preview";
import { accountViews, adapterOf, oddsInputOf, protocolViews, totalsAcross, type ProtocolPosition } from "./view";

/**
 * The app's one read and its previews against the real protocols on anvil: everything an account holds on the chain —
 * Keel vaults, Aave, Morpho, the USD prices — comes in ONE eth_call, and each action's before → after preview equals
 * what the chain then holds (the action booked with the protocol's own rounding, accrued to the block it lands in).
 */
describe("readAccount and the position previews agree with the chain", () => {
  let anvil: Anvil;
  let d: Deployment;
  let ethCalls = 0;
  let reader: ReturnType<typeof createPublicClient>;
  let trader: ReturnType<typeof clientsFor>;
  let testClient: ReturnType<typeof createTestClient>;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({
      rpcUrl: anvil.url,
      outDir: mkdtempSync(path.join(os.tmpdir(), "keel-account-")),
      lendingProtocols: true,
    }));
    trader = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[2]!);
    testClient = createTestClient({ chain: trader.chain, transport: http(anvil.url), mode: "anvil" });
    reader = createPublicClient({
      transport: custom({
        async request({ method, params }) {
          if (method === "eth_call") ethCalls++;
          const res = await fetch(anvil.url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
          });
          const json = (await res.json()) as { result?: unknown; error?: { message: string } };
          if (json.error) throw new Error(json.error.message);
          return json.result;
        },
      }),
    });
  }, 400_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  const read = async (owner: Address) => readAccount(reader as never, d, owner, await trader.publicClient.getBlockNumber({ cacheTime: 0 }));

  it("reads Keel vaults, the Aave account, every Morpho market and the prices of anvil #0 in one eth_call", async () => {
    const demo = privateKeyToAccount(ANVIL_KEYS[0]!).address;
    const before = ethCalls;
    const r = await read(demo);
    expect(ethCalls - before).toBe(1);
    expect(r.problems).toEqual([]);
    expect(r.keel?.length).toBeGreaterThan(0);
    const views = protocolViews(r);
    expect(views.map((v) => v.protocol).sort()).toEqual(["aave-v3", "morpho-blue"]);
    for (const v of views) {
      expect(v.collateralUsd).not.toBeNull();
      expect(v.debtUsd).not.toBeNull();
    }
    // The dashboard's list: every Keel vault through the Keel adapter, with the lens's own figures (computed on-chain by
    // HealthLib): values, health factor, and each collateral's liquidation price.
    const all = accountViews(r, (address, decimals) => ({ address, decimals, symbol: d.assets.find((a) => a.address === address)?.symbol ?? "?" }));
    expect(all.problems).toEqual([]);
    const keel = all.views.filter((v) => v.protocol === "keel");
    expect(keel.length).toBe(r.keel!.length);
    for (const [i, v] of keel.entries()) {
      const lens = r.keel![i]!;
      expect(v.vaultId).toBe(lens.id);
      expect(v.collateralUsd).toBe(lens.collateralValue);
      expect(v.debtUsd).toBe(lens.debtValue);
      expect(v.borrowLimitUsd).toBe(lens.borrowLimitValue);
      expect(v.healthFactor).toBe(lens.healthFactor);
      expect(v.borrowAsset?.amount).toBe(lens.debt);
      for (const c of lens.collaterals.filter((x) => x.amount > 0n)) {
        const line = v.collaterals.find((x) => x.token.address === c.asset)!;
        expect(line.liquidationPriceUsd ?? 0n).toBe(c.liquidationPrice);
        expect(line.priceUsd).toBe(c.price);
      }
    }
    const t = totalsAcross(all.views);
    expect(t.vaults).toBe(r.keel!.length + 2);
    expect(t.collateralValue).toBe(r.keel!.reduce((s, v) => s + v.collateralValue, 0n) + views.reduce((s, v) => s + v.collateralUsd!, 0n));
    // Morpho's USD figures: its loan-token values at KeelOracle's USDC price.
    const morpho = views.find((v) => v.protocol === "morpho-blue")!;
    const usdc = r.usdPerToken[d.assets.find((a) => a.symbol === "USDC")!.address.toLowerCase()]!;
    expect(morpho.debtUsd).toBe((morpho.position.totalDebtValue * usdc) / 10n ** 6n);

    // The liquidation odds of the Aave account with two borrowed assets (USDC and WETH): both debts reach the model,
    // and the health it starts from is the pool's own getUserAccountData health factor (the same feeds, in USD) up to
    // the pool's rounding: it floors the average liquidation threshold to whole basis points, so its figure is at most
    // 1 / (average LT in bps) below the exact Σ value × LT / debt the model uses, never above.
    const aave = views.find((v) => v.protocol === "aave-v3")!;
    const input = oddsInputOf(aave);
    expect(input.debts.map((x) => x.asset).sort()).toEqual(aave.debts.map((x) => x.token.address).sort());
    expect(input.debts.length).toBe(2);
    expect(input.pricesOk).toBe(true);
    const sigmas = Object.fromEntries(d.assets.map((a) => [a.address.toLowerCase(), a.symbol === "USDC" ? 0.01 : 0.6]));
    const odds = oddsVaultFromLens(input, sigmas)!;
    const [, , , lt, , hf] = await reader.readContract({
      address: d.aaveV3!.pool,
      abi: aavePoolAbi,
      functionName: "getUserAccountData",
      args: [demo],
    });
    const excess = oddsHealth(odds).healthFactor / (Number(hf) / 1e18) - 1;
    expect(excess).toBeGreaterThan(-1e-9);
    expect(excess).toBeLessThan(1 / Number(lt) + 1e-9);
    // The WETH debt's volatility is in the debt side: higher odds than counting the USDC debt alone.
    expect(odds.baseSigma).toBeGreaterThan(0.01);
    expect(liquidationOdds(odds, 7)).toBeGreaterThan(liquidationOdds({ ...odds, baseSigma: 0.01 }, 7));
  });

  /** Sends the action's transactions, one block each at a set time: an approval 5 s before `at`, the action at `at`. */
  const send = async (p: ProtocolPosition, action: PositionAction, asset: Address, amount: bigint, at: bigint) => {
    const a = adapterOf(p);
    const txs =
      action === "supply"
        ? a.supply(p, asset, amount)
        : action === "withdraw"
          ? a.withdraw(p, asset, amount)
          : action === "borrow"
            ? a.borrow(p, asset, amount)
            : a.repay(p, asset, amount);
    for (const [i, tx] of txs.entries()) {
      await testClient.setNextBlockTimestamp({ timestamp: i === txs.length - 1 ? at : at - 5n });
      const gas = withGasMargin(await trader.publicClient.estimateGas({ account: trader.account, to: tx.to, data: tx.data as Hex })) + 100_000n;
      const hash = await trader.walletClient.sendTransaction({ to: tx.to, data: tx.data as Hex, gas, chain: trader.chain, account: trader.account });
      expect((await trader.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    }
  };

  /** The position in `r` seen at `at` (interest accrued to it), as the preview starts from. */
  const at = async (r: AccountRead, protocol: "aave-v3" | "morpho-blue", ts: bigint): Promise<ProtocolPosition> => {
    if (protocol === "aave-v3") return aavePosition({ ...r.aave!, timestamp: ts });
    const s = await morphoBorrowRate(
      reader as never,
      r.morpho.find((m) => m.name === "Morpho WETH/USDC")!,
    );
    return morphoPosition({ ...s, timestamp: ts });
  };

  const steps: [PositionAction, string, string][] = [
    ["supply", "WETH", "2"],
    ["borrow", "USDC", "1000"],
    ["repay", "USDC", "400"],
    ["withdraw", "WETH", "0.5"],
  ];
  for (const protocol of ["aave-v3", "morpho-blue"] as const) {
    it(`${protocol}: each action's preview equals the chain after it (health, collateral, debt, each amount)`, async () => {
      for (const [action, symbol, amount] of steps) {
        const asset = d.assets.find((a) => a.symbol === symbol)!;
        const r = await read(trader.account.address);
        // Two steps (approval, action) land in two blocks: the action at the read's time + 10 s.
        const ts = r.timestamp + 10n;
        const before = await at(r, protocol, ts);
        const expected = positionAfter(before, action, asset.address, parseUnits(amount, asset.decimals));
        await send(await at(r, protocol, r.timestamp), action, asset.address, parseUnits(amount, asset.decimals), ts);
        const after = await read(trader.account.address);
        const got = protocol === "aave-v3" ? aavePosition(after.aave!) : morphoPosition(after.morpho.find((m) => m.name === "Morpho WETH/USDC")!);
        expect(after.timestamp).toBe(ts);
        const amounts = (p: ProtocolPosition) => [
          ...p.collaterals.map((c) => [c.token.symbol, c.amount]),
          ...p.debts.map((x) => [x.token.symbol, x.amount]),
        ];
        expect(amounts(expected), `${protocol} ${action}`).toEqual(amounts(got));
        expect(expected.totalCollateralValue).toBe(got.totalCollateralValue);
        expect(expected.totalDebtValue).toBe(got.totalDebtValue);
        expect(expected.healthFactor).toBe(got.healthFactor);
      }
    }, 120_000);
  }
});
