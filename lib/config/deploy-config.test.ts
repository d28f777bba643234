import { describe, expect, it } from "vitest";
import { DeployConfigError, parseDeployConfig } from "./deploy-config";
import { A, validConfig } from "./deploy-config.fixture";

const problemsOf = (mutate: (c: ReturnType<typeof validConfig>) => unknown): string[] => {
  const c = validConfig();
  const raw = mutate(c) ?? c;
  try {
    parseDeployConfig(raw);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(DeployConfigError);
    return (e as DeployConfigError).problems;
  }
};

describe("parseDeployConfig", () => {
  it("accepts a valid config and checksums addresses", () => {
    const c = parseDeployConfig(validConfig());
    expect(c.admin).toBe("0x0000000000000000000000000000000000000001");
    expect(c.markets[0]!.collaterals[0]!.asset).toBe("WETH");
  });

  it.each<[string, (c: ReturnType<typeof validConfig>) => unknown, string]>([
    ["chain id", (c) => void (c.chainId = 0), "chainId must be a whole number"],
    ["admin", (c) => void (c.admin = "0x12"), "admin must be an address"],
    ["zero admin", (c) => void (c.admin = A(0)), "admin must not be the zero address"],
    ["asset address", (c) => void (c.assets[0]!.address = "nope"), "assets[0].address must be an address"],
    ["feed", (c) => void (c.assets[1]!.feed = ""), "assets[1].feed must be an address"],
    ["heartbeat", (c) => void (c.assets[0]!.heartbeat = 0), "assets[0].heartbeat must be a whole number from 1 to 604800"],
    ["min answer", (c) => void (c.assets[0]!.minAnswer = "0"), "assets[0].minAnswer must be above zero"],
    ["bounds order", (c) => void (c.assets[0]!.maxAnswer = "50"), "assets[0].maxAnswer must be above minAnswer"],
    ["number as number", (c) => void ((c.assets[0] as Record<string, unknown>).maxAnswer = 100000), "assets[0].maxAnswer must be a decimal number"],
    ["duplicate symbol", (c) => void (c.assets[1]!.symbol = "WETH"), `assets[1].symbol "WETH" is listed twice`],
    ["unknown base", (c) => void (c.markets[0]!.baseAsset = "DAI"), `markets[0].baseAsset "DAI" is not one of assets[].symbol`],
    ["risk delay", (c) => void (c.riskDelay = 60), "riskDelay must be a whole number from 86400 to 2592000"],
    ["per-market delay", (c) => void ((c.markets[0] as Record<string, unknown>).riskDelay = 86400), "markets[0].riskDelay is no longer per market"],
    ["guardian", (c) => void ((c as Record<string, unknown>).guardian = "0x12"), "guardian must be an address"],
    ["aave rule", (c) => void (c.markets[0]!.collaterals[0]!.maxDiscount = "0.18"), "markets[0].collaterals[0].maxDiscount × liquidationThreshold"],
    ["kink", (c) => void (c.markets[0]!.rateModel.kink = "1"), "markets[0].rateModel.kink must be between 0 and 1"],
    ["rates", (c) => void (c.markets[0]!.rateModel.slope2 = "11"), "markets[0].rateModel baseRate + slope1 + slope2 must be at most 10"],
    ["reserve factor", (c) => void (c.markets[0]!.reserveFactor = "0.6"), "markets[0].reserveFactor must be at most 0.5"],
    ["flash fee", (c) => void (c.markets[0]!.flashFeeBps = 101), "markets[0].flashFeeBps must be a whole number from 0 to 100"],
    ["ltv ≥ lt", (c) => void (c.markets[0]!.collaterals[0]!.ltv = "0.85"), "markets[0].collaterals[0].ltv must be below liquidationThreshold"],
    [
      "lt",
      (c) => void (c.markets[0]!.collaterals[0]!.liquidationThreshold = "0.96"),
      "markets[0].collaterals[0].liquidationThreshold must be at most 0.95",
    ],
    ["discount", (c) => void (c.markets[0]!.collaterals[0]!.maxDiscount = "0.3"), "markets[0].collaterals[0].maxDiscount must be from 0.01 to 0.25"],
    [
      "base as collateral",
      (c) => void (c.markets[0]!.collaterals[0]!.asset = "USDC"),
      "markets[0].collaterals[0].asset cannot be the market's own base asset",
    ],
    ["cap", (c) => void (c.markets[0]!.collaterals[0]!.supplyCap = "-1"), "markets[0].collaterals[0].supplyCap must be a decimal number"],
    ["empty markets", (c) => void (c.markets = []), "markets must be a non-empty list"],
  ])("names the bad field: %s", (_, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(
      problems.some((p) => p.startsWith(expected)),
      `${JSON.stringify(problems)} should include "${expected}"`,
    ).toBe(true);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf((c) => {
      c.admin = "x";
      c.assets[0]!.heartbeat = -1;
      c.markets[0]!.flashFeeBps = 1000;
    });
    expect(problems).toHaveLength(3);
  });

  it("refuses a non-object", () => {
    expect(() => parseDeployConfig("hello")).toThrow(/JSON object/);
  });
});
