import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BaseError, ContractFunctionRevertedError, decodeAbiParameters, maxUint256, parseAbiParameters, parseEventLogs, type Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { ieasAbi } from "@/contracts-abi/abi/IEAS";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";
import { keelReputationAbi } from "@/contracts-abi/abi/KeelReputation";
import { keelRiskAdminAbi } from "@/contracts-abi/abi/KeelRiskAdmin";
import { startReputationScorer } from "@/agents/reputation-scorer";
import { deployLocal } from "@/scripts/deploy-local";
import { AGENT_KEYS, ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { clientsFor } from "@/lib/server/clients";
import type { Deployment } from "../config/deployment";
import { maxBorrow, maxWithdraw } from "../engine/risk";
import { readVault } from "../read/vaults";
import { toPosition } from "../protocols/keel/math";
import { disputeCall } from "./dispute";
import { readHonouredRecord, readReputation } from "./read";
import { boostedLimit, bonusForScore, lendingValues } from "./score";

/**
 * On a real chain: an account repays and closes a position, ages a month (anvil time warp); the scorer agent reads
 * its record from the market's events and attests its score on EAS; the market then lets it borrow above the base LTV
 * within the bonus (the TypeScript mirror's boosted limit), and the attester's revocation takes the bonus away.
 */
describe("reputation-tailored margins on the chain", () => {
  let anvil: Anvil;
  let d: Deployment;
  let admin: ReturnType<typeof clientsFor>;
  let user: ReturnType<typeof clientsFor>;
  let market: Address;

  const rpc = async (method: string, params: unknown[]) => {
    const res = await fetch(anvil.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    if (!res.ok) throw new Error(`${method} failed: ${res.status}`);
  };
  /** Moves the clock, then re-posts every dev feed's answer so prices are fresh again. */
  const warp = async (seconds: number) => {
    await rpc("evm_increaseTime", [seconds]);
    await rpc("evm_mine", []);
    for (const a of d.assets) {
      const [, answer] = await admin.publicClient.readContract({ address: a.feed, abi: devPriceFeedAbi, functionName: "latestRoundData" });
      await admin.send({ address: a.feed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [answer] });
    }
  };
  const errorName = async (p: Promise<unknown>) => {
    try {
      await p;
      return null;
    } catch (e) {
      const r = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
      return (r as ContractFunctionRevertedError | null)?.data?.errorName ?? String(e);
    }
  };

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    ({ deployment: d } = await deployLocal({ rpcUrl: anvil.url, outDir: mkdtempSync(path.join(os.tmpdir(), "keel-reputation-")) }));
    admin = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[0]!);
    user = clientsFor(anvil.url, d.chainId, ANVIL_KEYS[3]!);
    market = d.markets[0]!.address;
  }, 600_000);
  afterAll(async () => {
    await anvil?.stop();
  });

  it("the scorer attests, a borrow above the base LTV within the bonus succeeds, revocation removes it", async () => {
    const rep = d.reputation!;
    expect(await admin.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "reputation" })).toBe(rep.source);
    const weth = d.assets.find((a) => a.symbol === "WETH")!.address;
    const base = d.markets[0]!.baseAsset;
    // A clean position: deposit, borrow, repay in full.
    await user.send({ address: weth, abi: devErc20Abi, functionName: "mint", args: [user.account.address, 10n ** 19n] });
    await user.send({ address: weth, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
    await user.send({ address: base, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
    await user.send({ address: base, abi: devErc20Abi, functionName: "mint", args: [user.account.address, 10n ** 12n] });
    await user.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const ids = await user.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultsOf", args: [user.account.address] });
    const id = ids[ids.length - 1]!;
    await user.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, weth, 10n ** 19n] });
    await user.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, 1000n * 10n ** 6n, user.account.address] });
    await user.send({ address: market, abi: keelMarketAbi, functionName: "repay", args: [id, 2000n * 10n ** 6n] });
    await warp(31 * 86_400);

    // The scorer's round: the record, the score and the attestation.
    const scorer = startReputationScorer({ rpcUrl: anvil.url, deployment: d, intervalSec: 3600, log: () => {} });
    await scorer.runOnce();
    await scorer.stop();
    const honoured = await readHonouredRecord(user.publicClient, rep, user.account.address);
    expect(honoured).not.toBeNull();
    expect(honoured!.record).toMatchObject({ repayments: 1, liquidations: 0, closedWithoutLoss: 1, closedWithLoss: 0 });
    expect(honoured!.score).toBeGreaterThan(0);
    expect(honoured!.attester).toBe(rep.attester);
    const maxBonus = await user.publicClient.readContract({ address: rep.source, abi: keelReputationAbi, functionName: "maxBonus" });
    expect(honoured!.bonusNow).toBe(bonusForScore(honoured!.score, maxBonus));
    // The vault page's read (one round, then the attestation) finds the same: the market's source is the deployment's.
    expect(await readReputation(user.publicClient, market, rep, user.account.address)).toEqual({
      source: rep.source,
      honoured,
      maxBonus,
      bonusNow: honoured!.bonusNow,
      known: true,
    });
    // Without the deployment's reputation block, the source's figures only.
    expect(await readReputation(user.publicClient, market, undefined, user.account.address)).toEqual({
      source: rep.source,
      honoured: null,
      maxBonus,
      bonusNow: honoured!.bonusNow,
      known: false,
    });

    // Borrow to between the base limit and the boosted one: the market accepts it.
    const [, blv] = await user.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultHealth", args: [id] });
    const before = await readVault(user.publicClient, d.contracts.lens!, market, id);
    const boosted = boostedLimit(blv, lendingValues(toPosition(before.vault, before.market).collaterals), honoured!.bonusNow);
    expect(boosted).toBeGreaterThan(blv);
    const usdPerBase = await user.publicClient.readContract({ address: d.contracts.oracle, abi: keelOracleAbi, functionName: "price", args: [base] });
    const amount = (((blv + boosted) / 2n) * 10n ** 6n) / usdPerBase;
    await user.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [id, amount, user.account.address] });
    const [, blvAfter, , dvAfter, hf] = await user.publicClient.readContract({
      address: market,
      abi: keelMarketAbi,
      functionName: "vaultHealth",
      args: [id],
    });
    expect(dvAfter).toBeGreaterThan(blvAfter); // above the base LTV
    expect(hf).toBeGreaterThan(10n ** 18n); // never liquidatable by the bonus

    // The app's mirror with the bonus (lib/engine/risk.ts, as the vault page's forms use it): its max borrow and max withdraw
    // are exactly what the market accepts, one unit more is refused.
    const simulate = (functionName: "borrow" | "withdrawCollateral", args: readonly unknown[]) =>
      errorName(user.publicClient.simulateContract({ account: user.account, address: market, abi: keelMarketAbi, functionName, args } as never));
    const read = await readVault(user.publicClient, d.contracts.lens!, market, id);
    const position = { ...toPosition(read.vault, read.market), ltvBonus: honoured!.bonusNow };
    const maxB = maxBorrow(position);
    expect(maxB).toBeGreaterThan(maxBorrow({ ...position, ltvBonus: 0n })); // the base limit alone allows nothing more
    expect(await simulate("borrow", [id, maxB, user.account.address])).toBeNull();
    expect(await simulate("borrow", [id, maxB + 1n, user.account.address])).toBe("ExceedsLtv");
    const maxW = maxWithdraw(position, weth);
    expect(maxW).toBeGreaterThan(0n);
    expect(await simulate("withdrawCollateral", [id, weth, maxW, user.account.address])).toBeNull();
    expect(await simulate("withdrawCollateral", [id, weth, maxW + 1n, user.account.address])).toBe("ExceedsLtv");

    // Audit R-2: governance winds WBTC down to LTV 0 (through the risk admin's delay). WBTC deposited beside the WETH
    // then adds nothing to the bonus or to its cap, in the market's check as in the mirror: the max borrow is the same,
    // accepted, and one unit more refused.
    const riskAdmin = d.contracts.riskAdmin!;
    const wbtc = d.assets.find((a) => a.symbol === "WBTC")!.address;
    const info = await admin.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralInfo", args: [wbtc] });
    const frozen = { ltv: 0n, liquidationThreshold: info.liquidationThreshold, maxDiscount: info.maxDiscount, supplyCap: info.supplyCap };
    const proposed = await admin.send({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "proposeCollateral", args: [market, wbtc, frozen] });
    const [change] = parseEventLogs({ abi: keelRiskAdminAbi, logs: proposed.logs, eventName: "ChangeProposed" });
    await warp(Number(await admin.publicClient.readContract({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "delay" })));
    await admin.send({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "executeChange", args: [change!.args.changeId] });
    await user.send({ address: wbtc, abi: devErc20Abi, functionName: "mint", args: [user.account.address, 10n ** 8n] });
    await user.send({ address: wbtc, abi: devErc20Abi, functionName: "approve", args: [market, maxUint256] });
    await user.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [id, wbtc, 10n ** 8n] });
    const mixed = await readVault(user.publicClient, d.contracts.lens!, market, id);
    const mixedPosition = { ...toPosition(mixed.vault, mixed.market), ltvBonus: honoured!.bonusNow };
    const maxMixed = maxBorrow(mixedPosition);
    expect(maxMixed).toBeGreaterThan(0n);
    expect(await simulate("borrow", [id, maxMixed, user.account.address])).toBeNull();
    expect(await simulate("borrow", [id, maxMixed + 1n, user.account.address])).toBe("ExceedsLtv");

    // The account disputes the record (lib/reputation/dispute.ts, the vault page's form): an attestation of the dispute
    // schema by the account, naming the record and the attester, with the reason on-chain.
    const receipt = await user.send(disputeCall(rep, honoured!.uid, "my second repayment is missing"));
    const [attested] = parseEventLogs({ abi: ieasAbi, logs: receipt.logs, eventName: "Attested" });
    const dispute = await user.publicClient.readContract({
      address: rep.eas,
      abi: ieasAbi,
      functionName: "getAttestation",
      args: [attested!.args.uid],
    });
    expect(dispute).toMatchObject({ schema: rep.disputeSchema, refUID: honoured!.uid, recipient: rep.attester, attester: user.account.address });
    expect(decodeAbiParameters(parseAbiParameters("string reason"), dispute.data)).toEqual(["my second repayment is missing"]);
    expect((await readHonouredRecord(user.publicClient, rep, user.account.address))?.uid).toBe(honoured!.uid); // a dispute changes nothing by itself

    // The attester revokes: the bonus is gone, one more unit is refused.
    const attester = clientsFor(anvil.url, d.chainId, AGENT_KEYS.attester);
    await attester.send({
      address: rep.eas,
      abi: ieasAbi,
      functionName: "revoke",
      args: [{ schema: rep.recordSchema, data: { uid: honoured!.uid, value: 0n } }],
    });
    expect(await readHonouredRecord(user.publicClient, rep, user.account.address)).toBeNull();
    const more = user.publicClient.simulateContract({
      address: market,
      abi: keelMarketAbi,
      functionName: "borrow",
      args: [id, 1n, user.account.address],
      account: user.account,
    });
    expect(await errorName(more)).toBe("ExceedsLtv");
  }, 600_000);
});
