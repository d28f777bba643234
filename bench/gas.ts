/**
 * `npm run bench:gas`: gas per user operation, Keel vs Morpho Blue, on one anvil with the same tokens and the same
 * Chainlink-style feeds. Prints a markdown table (and writes bench/results/gas.md).
 *
 * Both protocols price WETH from the same DevPriceFeed (Morpho through a minimal Chainlink oracle adapter, Keel through
 * KeelOracle with its staleness and bounds guards). Morpho uses its IrmMock (a pure function); Keel its in-contract
 * kinked rate model. Time moves 12 s between operations so interest accrues in both.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createTestClient, http, keccak256, encodeAbiParameters, parseUnits, type Abi, type Address, type Hex } from "viem";
import { encodeRecord } from "../agents/reputation-scorer";
import { devErc20Abi, devPriceFeedAbi, ieasAbi, keelMarketAbi, keelReputationAbi, keelRiskAdminAbi } from "../contracts-abi";
import { easArtifact } from "../scripts/lib/deploy-reputation";
import { ANVIL_KEYS, freePort, startAnvil } from "../scripts/lib/anvil";
import { bytecodeOf, repoRoot } from "../scripts/lib/artifacts";
import { clientsFor } from "../lib/server/clients";
import { buildMorpho } from "../scripts/lib/morpho-build";

const e18 = (x: string) => parseUnits(x, 18);
const usdc = (x: string) => parseUnits(x, 6);

type Row = { op: string; keel: bigint; morpho?: bigint; note?: string };

async function main() {
  const morphoBuild = buildMorpho();
  const anvil = await startAnvil({ port: await freePort() });
  try {
    const admin = clientsFor(anvil.url, 31337, ANVIL_KEYS[0]!);
    const users = [1, 2, 3].map((i) => clientsFor(anvil.url, 31337, ANVIL_KEYS[i]!));
    const [alice, bob, liquidator] = users as [typeof admin, typeof admin, typeof admin];
    const test = createTestClient({ chain: admin.chain, transport: http(anvil.url), mode: "anvil" });
    const tick = async () => {
      await test.increaseTime({ seconds: 12 });
    };
    const gasOf = async (c: typeof admin, address: Address, abi: Abi | readonly unknown[], functionName: string, args: readonly unknown[] = []) => {
      await tick();
      const r = await c.send({ address, abi: abi as Abi, functionName, args });
      return r.gasUsed;
    };

    // Tokens and feeds shared by both protocols.
    const me = admin.account.address;
    const WETH = await admin.deploy(devErc20Abi, bytecodeOf("DevERC20"), ["Wrapped Ether", "WETH", 18]);
    const WBTC = await admin.deploy(devErc20Abi, bytecodeOf("DevERC20"), ["Wrapped Bitcoin", "WBTC", 8]);
    const USDC = await admin.deploy(devErc20Abi, bytecodeOf("DevERC20"), ["USD Coin", "USDC", 6]);
    const ethFeed = await admin.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [me, 8, "ETH / USD", parseUnits("3000", 8)]);
    const btcFeed = await admin.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [me, 8, "BTC / USD", parseUnits("65000", 8)]);
    const usdFeed = await admin.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [me, 8, "USDC / USD", parseUnits("1", 8)]);
    for (const c of [admin, ...users]) {
      for (const [t, amt] of [
        [WETH, e18("1000")],
        [WBTC, parseUnits("100", 8)],
        [USDC, usdc("10000000")],
      ] as const) {
        await admin.send({ address: t, abi: devErc20Abi, functionName: "mint", args: [c.account.address, amt] });
      }
    }
    const approveAll = async (spender: Address) => {
      for (const c of [admin, ...users]) {
        for (const t of [WETH, WBTC, USDC]) {
          await c.send({ address: t, abi: devErc20Abi, functionName: "approve", args: [spender, 2n ** 255n] });
        }
      }
    };

    // ── Keel ──
    const riskAdmin = await admin.deploy(keelRiskAdminAbi, bytecodeOf("KeelRiskAdmin"), [me, 86_400n]);
    const oracle = await admin.publicClient.readContract({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "oracle" });
    for (const [t, f, min, max] of [
      [WETH, ethFeed, "100", "100000"],
      [WBTC, btcFeed, "1000", "1000000"],
      [USDC, usdFeed, "0.5", "2"],
    ] as const) {
      await admin.send({
        address: riskAdmin,
        abi: keelRiskAdminAbi,
        functionName: "setFeed",
        args: [t, f, 86_400, parseUnits(min, 8), parseUnits(max, 8)],
      });
    }
    const YEAR = 31_536_000n;
    const market = await admin.deploy(keelMarketAbi as unknown as Abi, bytecodeOf("KeelMarket"), [
      USDC,
      oracle,
      riskAdmin,
      { baseRate: 0n, slope1: e18("0.04") / YEAR, slope2: e18("0.75") / YEAR, kink: e18("0.8") },
      e18("0.1"),
      0n,
    ]);
    await admin.send({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "addMarket", args: [market] });
    for (const [t, ltv, lt, cap] of [
      [WETH, "0.8", "0.86", e18("1000000")],
      [WBTC, "0.75", "0.8", parseUnits("100000", 8)],
    ] as const) {
      await admin.send({
        address: riskAdmin,
        abi: keelRiskAdminAbi,
        functionName: "listCollateral",
        args: [market, t, { ltv: e18(ltv), liquidationThreshold: e18(lt), maxDiscount: e18("0.1"), supplyCap: cap }],
      });
    }
    // Reputation source (EAS + KeelReputation, admin as the attester, 5-point cap), set while the market is unused.
    const registryBuild = easArtifact("SchemaRegistry");
    const easBuild = easArtifact("EAS");
    const registry = await admin.deploy(registryBuild.abi, registryBuild.bytecode);
    const eas = await admin.deploy(easBuild.abi, easBuild.bytecode, [registry]);
    const reputation = await admin.deploy(keelReputationAbi, bytecodeOf("KeelReputation"), [eas, me, e18("0.05")]);
    await admin.send({ address: riskAdmin, abi: keelRiskAdminAbi, functionName: "setReputation", args: [market, reputation] });
    await approveAll(market);
    await admin.send({ address: market, abi: keelMarketAbi, functionName: "supply", args: [usdc("5000000"), 0n, me] });

    const keel: Record<string, bigint> = {};
    keel.openVault = await gasOf(alice, market, keelMarketAbi, "openVault");
    const aliceVault = 1n;
    keel.deposit = await gasOf(alice, market, keelMarketAbi, "depositCollateral", [aliceVault, WETH, e18("10")]);
    keel.borrow = await gasOf(alice, market, keelMarketAbi, "borrow", [aliceVault, usdc("15000"), alice.account.address]);
    keel.repay = await gasOf(alice, market, keelMarketAbi, "repay", [aliceVault, usdc("5000")]);
    keel.withdraw = await gasOf(alice, market, keelMarketAbi, "withdrawCollateral", [aliceVault, WETH, e18("2"), alice.account.address]);
    keel.deposit2 = await gasOf(alice, market, keelMarketAbi, "depositCollateral", [aliceVault, WETH, e18("1")]);
    keel.borrow2 = await gasOf(alice, market, keelMarketAbi, "borrow", [aliceVault, usdc("1000"), alice.account.address]);
    keel.repay2 = await gasOf(alice, market, keelMarketAbi, "repay", [aliceVault, usdc("1000")]);
    keel.withdraw2 = await gasOf(alice, market, keelMarketAbi, "withdrawCollateral", [aliceVault, WETH, e18("1"), alice.account.address]);
    // Cross-margin: the same vault with a second collateral asset.
    keel.depositSecondAsset = await gasOf(alice, market, keelMarketAbi, "depositCollateral", [aliceVault, WBTC, parseUnits("0.1", 8)]);
    keel.borrowTwoAssets = await gasOf(alice, market, keelMarketAbi, "borrow", [aliceVault, usdc("1000"), alice.account.address]);
    keel.withdrawTwoAssets = await gasOf(alice, market, keelMarketAbi, "withdrawCollateral", [aliceVault, WETH, e18("1"), alice.account.address]);
    keel.repayAll = await gasOf(alice, market, keelMarketAbi, "repay", [aliceVault, 2n ** 256n - 1n]);

    // Reputation: Carol's perfect score attested (5 points: 10 WETH at $3,000 → base limit $24,000, boosted $24,900,
    // halfway to the $25,800 liquidation value); her borrows above the base limit take the bonus path.
    const carol = clientsFor(anvil.url, 31337, ANVIL_KEYS[4]!);
    for (const [t, amt] of [[WETH, e18("100")]] as const)
      await admin.send({ address: t, abi: devErc20Abi, functionName: "mint", args: [carol.account.address, amt] });
    await carol.send({ address: WETH, abi: devErc20Abi, functionName: "approve", args: [market, 2n ** 255n] });
    const recordSchema = await admin.publicClient.readContract({ address: reputation, abi: keelReputationAbi, functionName: "recordSchema" });
    const now = (await admin.publicClient.getBlock()).timestamp;
    keel.attest = await gasOf(admin, eas, ieasAbi, "attest", [
      {
        schema: recordSchema,
        data: {
          recipient: carol.account.address,
          expirationTime: now + 7n * 86_400n,
          revocable: true,
          refUID: `0x${"0".repeat(64)}`,
          data: encodeRecord(10_000, { firstSeen: 1, repayments: 10, liquidations: 0, closedWithoutLoss: 3, closedWithLoss: 0, asOfBlock: 1n }),
          value: 0n,
        },
      },
    ]);
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const carolVault = 2n; // after Alice's (1)
    await carol.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [carolVault, WETH, e18("10")] });
    keel.borrowBonus = await gasOf(carol, market, keelMarketAbi, "borrow", [carolVault, usdc("24500"), carol.account.address]);
    keel.borrowBonus2 = await gasOf(carol, market, keelMarketAbi, "borrow", [carolVault, usdc("100"), carol.account.address]);

    // ── Morpho Blue ──
    const morpho = await admin.deploy(morphoBuild.Morpho!.abi, morphoBuild.Morpho!.bytecode, [me]);
    const irm = await admin.deploy(morphoBuild.IrmMock!.abi, morphoBuild.IrmMock!.bytecode, []);
    const mOracle = await admin.deploy(morphoBuild.MorphoChainlinkOracle!.abi, morphoBuild.MorphoChainlinkOracle!.bytecode, [
      ethFeed,
      usdFeed,
      18n,
      6n,
    ]);
    const lltv = e18("0.86");
    const params = { loanToken: USDC, collateralToken: WETH, oracle: mOracle, irm, lltv };
    const mAbi = morphoBuild.Morpho!.abi;
    await admin.send({ address: morpho, abi: mAbi, functionName: "enableIrm", args: [irm] });
    await admin.send({ address: morpho, abi: mAbi, functionName: "enableLltv", args: [lltv] });
    await admin.send({ address: morpho, abi: mAbi, functionName: "createMarket", args: [params] });
    await approveAll(morpho);
    await admin.send({ address: morpho, abi: mAbi, functionName: "supply", args: [params, usdc("5000000"), 0n, me, "0x"] });
    const a = alice.account.address;
    const mo: Record<string, bigint> = {};
    // Alice is a fresh borrower in Morpho too (her Keel activity touched only the Keel contracts).
    mo.deposit = await gasOf(alice, morpho, mAbi, "supplyCollateral", [params, e18("10"), a, "0x"]);
    mo.borrow = await gasOf(alice, morpho, mAbi, "borrow", [params, usdc("15000"), 0n, a, a]);
    mo.repay = await gasOf(alice, morpho, mAbi, "repay", [params, usdc("5000"), 0n, a, "0x"]);
    mo.withdraw = await gasOf(alice, morpho, mAbi, "withdrawCollateral", [params, e18("2"), a, a]);
    mo.deposit2 = await gasOf(alice, morpho, mAbi, "supplyCollateral", [params, e18("1"), a, "0x"]);
    mo.borrow2 = await gasOf(alice, morpho, mAbi, "borrow", [params, usdc("1000"), 0n, a, a]);
    mo.repay2 = await gasOf(alice, morpho, mAbi, "repay", [params, usdc("1000"), 0n, a, "0x"]);
    mo.withdraw2 = await gasOf(alice, morpho, mAbi, "withdrawCollateral", [params, e18("1"), a, a]);

    // ── Liquidation, both: Bob borrows 23,000 USDC on 10 WETH, ETH falls to $2,600 ──
    const b = bob.account.address;
    await bob.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
    const bobVault = 3n; // after Alice's (1) and Carol's (2)
    await bob.send({ address: market, abi: keelMarketAbi, functionName: "depositCollateral", args: [bobVault, WETH, e18("10")] });
    await bob.send({ address: market, abi: keelMarketAbi, functionName: "borrow", args: [bobVault, usdc("23000"), b] });
    await bob.send({ address: morpho, abi: mAbi, functionName: "supplyCollateral", args: [params, e18("10"), b, "0x"] });
    await bob.send({ address: morpho, abi: mAbi, functionName: "borrow", args: [params, usdc("23000"), 0n, b, b] });
    await admin.send({ address: ethFeed, abi: devPriceFeedAbi, functionName: "setAnswer", args: [parseUnits("2600", 8)] });
    keel.liquidate = await gasOf(liquidator, market, keelMarketAbi, "liquidate", [bobVault, WETH, usdc("5000"), 0n]);
    mo.liquidate = await gasOf(liquidator, morpho, mAbi, "liquidate", [params, b, e18("2"), 0n, "0x"]);

    const rows: Row[] = [
      { op: "deposit collateral (first)", keel: keel.deposit!, morpho: mo.deposit!, note: "Keel also needs openVault once per vault (below)" },
      { op: "borrow (first)", keel: keel.borrow!, morpho: mo.borrow! },
      { op: "repay (partial)", keel: keel.repay!, morpho: mo.repay! },
      { op: "withdraw collateral (partial)", keel: keel.withdraw!, morpho: mo.withdraw! },
      { op: "deposit collateral (again)", keel: keel.deposit2!, morpho: mo.deposit2! },
      { op: "borrow (again)", keel: keel.borrow2!, morpho: mo.borrow2! },
      { op: "repay (again)", keel: keel.repay2!, morpho: mo.repay2! },
      { op: "withdraw collateral (again)", keel: keel.withdraw2!, morpho: mo.withdraw2! },
      { op: "liquidate (partial)", keel: keel.liquidate!, morpho: mo.liquidate! },
      { op: "openVault", keel: keel.openVault!, note: "Keel only: a vault is an NFT-like id; Morpho positions are per address" },
      { op: "deposit a second collateral asset", keel: keel.depositSecondAsset! },
      { op: "borrow, 2 collateral assets", keel: keel.borrowTwoAssets!, note: `+${keel.borrowTwoAssets! - keel.borrow2!} vs 1 asset` },
      { op: "withdraw, 2 collateral assets", keel: keel.withdrawTwoAssets!, note: `+${keel.withdrawTwoAssets! - keel.withdraw2!} vs 1 asset` },
      { op: "repay all (max)", keel: keel.repayAll! },
      {
        op: "borrow (first) above base LTV, on a reputation bonus",
        keel: keel.borrowBonus!,
        note: `+${keel.borrowBonus! - keel.borrow!} vs borrow (first): the source's lookup and a second valuation; a borrow within base LTV never reads the source`,
      },
      {
        op: "borrow (again) above base LTV, on the bonus",
        keel: keel.borrowBonus2!,
        note: `+${keel.borrowBonus2! - keel.borrow2!} vs borrow (again)`,
      },
      { op: "attest a reputation record (scorer, EAS + resolver)", keel: keel.attest!, note: "paid by the attester, not the borrower" },
    ];
    const ratio = (r: Row) => (r.morpho ? (Number((r.keel * 10_000n) / r.morpho) / 10_000).toFixed(2) : "—");
    const table = [
      "| operation | Keel gas | Morpho Blue gas | Keel / Morpho | note |",
      "| --- | ---: | ---: | ---: | --- |",
      ...rows.map(
        (r) =>
          `| ${r.op} | ${r.keel.toLocaleString("en-US")} | ${r.morpho ? r.morpho.toLocaleString("en-US") : "—"} | ${ratio(r)} | ${r.note ?? ""} |`,
      ),
    ].join("\n");
    console.log(table);
    const outDir = path.join(repoRoot, "bench", "results");
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, "gas.md"), `Command: \`npm run bench:gas\` (${new Date().toISOString().slice(0, 10)})\n\n${table}\n`);
    void keccak256;
    void encodeAbiParameters;
    void ({} as Hex);
  } finally {
    await anvil.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
