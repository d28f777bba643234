import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { getAddress, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { devPriceFeedAbi } from "@/contracts-abi/abi/DevPriceFeed";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";
import { keelRiskAdminAbi } from "@/contracts-abi/abi/KeelRiskAdmin";
import { ANVIL_KEYS, freePort, startAnvil, type Anvil } from "@/scripts/lib/anvil";
import { bytecodeOf, repoRoot } from "@/scripts/lib/artifacts";
import { clientsFor } from "@/lib/server/clients";
import { DUST_VALUE, MIN_DISCOUNT, TARGET_HEALTH } from "../engine/health";
import { ENGINE_BOUNDS, RISK_ADMIN_BOUNDS } from "./deploy-config";
import { validConfig } from "./deploy-config.fixture";
import { parseDeployment } from "./deployment";

/** `npm run deploy` against a real chain (anvil standing in for a network with Chainlink feeds). */
describe("npm run deploy", () => {
  let anvil: Anvil;
  let c: ReturnType<typeof clientsFor>;
  let dir: string;
  const admin = getAddress("0x000000000000000000000000000000000000ad01");
  const guardian = getAddress("0x000000000000000000000000000000000000ad02");
  const run = (config: unknown, env: Record<string, string> = { KEEL_DEPLOYER_KEY: ANVIL_KEYS[0]! }) => {
    const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(config));
    return spawnSync(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["scripts/deploy.ts", "--rpc", anvil.url, "--config", file, "--out", dir], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
  };
  const nonce = () => c.publicClient.getTransactionCount({ address: c.account.address });
  let config: ReturnType<typeof validConfig>;

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    c = clientsFor(anvil.url, 31337, ANVIL_KEYS[0]!);
    dir = mkdtempSync(path.join(os.tmpdir(), "keel-deploy-"));
    // "Real" tokens and Chainlink feeds already on the network.
    const weth = await c.deploy(devErc20Abi, bytecodeOf("DevERC20"), ["Wrapped Ether", "WETH", 18]);
    const usdc = await c.deploy(devErc20Abi, bytecodeOf("DevERC20"), ["USD Coin", "USDC", 6]);
    const ethFeed = await c.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [c.account.address, 8, "ETH / USD", parseUnits("3000", 8)]);
    const usdFeed = await c.deploy(devPriceFeedAbi, bytecodeOf("DevPriceFeed"), [c.account.address, 8, "USDC / USD", parseUnits("1", 8)]);
    config = validConfig();
    config.chainId = 31337;
    config.admin = admin;
    Object.assign(config, { guardian });
    Object.assign(config.assets[0]!, { address: weth, feed: ethFeed });
    Object.assign(config.assets[1]!, { address: usdc, feed: usdFeed });
  });
  afterAll(() => anvil?.stop());

  it("refuses a config with bad fields before sending anything, naming each", async () => {
    const before = await nonce();
    const bad = structuredClone(config);
    bad.markets[0]!.collaterals[0]!.ltv = "0.9";
    bad.assets[1]!.heartbeat = 0;
    const r = run(bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("markets[0].collaterals[0].ltv must be below liquidationThreshold");
    expect(r.stderr).toContain("assets[1].heartbeat must be a whole number");
    expect(await nonce()).toBe(before);
  });

  it("refuses a wrong chain, a feed that is not one, and a missing key before sending anything", async () => {
    const before = await nonce();
    const wrongChain = run({ ...config, chainId: 1 });
    expect(wrongChain.status).toBe(1);
    expect(wrongChain.stderr).toMatch(/chain 31337, the config says chainId 1/);
    const notAFeed = structuredClone(config);
    notAFeed.assets[0]!.feed = config.assets[1]!.address; // a token, not a feed
    expect(run(notAFeed).stderr).toMatch(/assets\[0\]\.feed \(WETH\) does not answer/);
    const noKey = run(config, { KEEL_DEPLOYER_KEY: "" });
    expect(noKey.stderr).toMatch(/KEEL_DEPLOYER_KEY/);
    expect(await nonce()).toBe(before);
  });

  it("deploys the risk admin (owning the oracle), markets and lens, writes a valid deployment file, and offers the risk admin to the admin", async () => {
    const r = run(config);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const d = parseDeployment(JSON.parse(readFileSync(path.join(dir, "31337.json"), "utf8")), 31337);
    expect(d.markets).toHaveLength(1);
    const [m] = await c.publicClient.readContract({
      address: d.contracts.lens!,
      abi: keelLensAbi,
      functionName: "getMarkets",
      args: [[d.markets[0]!.address]],
    });
    expect(m!.collaterals[0]!.info.ltv).toBe(parseUnits("0.8", 18));
    expect(m!.flashFeeBps).toBe(5n);
    expect(m!.riskAdmin).toBe(d.contracts.riskAdmin);
    expect(m!.pendingGovernor).toBe(admin);
    expect(m!.riskDelay).toBe(BigInt(config.riskDelay));
    expect(m!.guardian).toBe(guardian);
    expect(m!.borrowPaused).toBe(false);
    expect(await c.publicClient.readContract({ address: d.contracts.oracle, abi: keelOracleAbi, functionName: "owner" })).toBe(d.contracts.riskAdmin);
    expect(m!.baseFeed.price).toBe(parseUnits("1", 18));
  });

  it("checks the same hard bounds as the deployed engine", async () => {
    const d = parseDeployment(JSON.parse(readFileSync(path.join(dir, "31337.json"), "utf8")), 31337);
    for (const [name, value] of Object.entries(ENGINE_BOUNDS)) {
      const onChain = await c.publicClient.readContract({ address: d.contracts.lens!, abi: keelLensAbi, functionName: name as "MAX_LT" });
      expect(onChain, name).toBe(value);
    }
    // HealthLib's liquidation constants, mirrored by lib/engine/health.ts (the keeper's sizing and every preview).
    for (const [name, value] of Object.entries({ TARGET_HEALTH, DUST_VALUE, MIN_DISCOUNT })) {
      const onChain = await c.publicClient.readContract({ address: d.contracts.lens!, abi: keelLensAbi, functionName: name as "TARGET_HEALTH" });
      expect(onChain, name).toBe(value);
    }
    for (const [name, value] of Object.entries(RISK_ADMIN_BOUNDS)) {
      const onChain = await c.publicClient.readContract({
        address: d.contracts.riskAdmin!,
        abi: keelRiskAdminAbi,
        functionName: name as "MIN_DELAY",
      });
      expect(onChain, name).toBe(value);
    }
  });
});
