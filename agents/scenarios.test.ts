import { describe, expect, it } from "vitest";
import { parseAssetNumbers } from "./market-simulator";
import { randomWalkStep } from "./price-simulator";
import { applyFactor, isScenario, scenarioSteps, SCENARIOS } from "./scenarios";

describe("scenarios", () => {
  it("crash falls 35 % in even steps", () => {
    const s = scenarioSteps("crash", 7);
    expect(s).toHaveLength(7);
    expect(s.at(-1)!.factor).toBeCloseTo(0.65, 12);
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.factor - s[i]!.factor).toBeCloseTo(0.05, 12);
  });

  it("flash crash drops and recovers to the start", () => {
    const s = scenarioSteps("flash-crash");
    expect(Math.min(...s.map((x) => x.factor))).toBe(0.7);
    expect(s.at(-1)!.factor).toBe(1);
  });

  it("stale keeps the price and is fresh again at the end", () => {
    const s = scenarioSteps("stale", 5);
    expect(s.slice(0, -1).every((x) => x.stale && x.factor === 1)).toBe(true);
    expect(s.at(-1)!.stale).toBeFalsy();
  });

  it("bleed loses 1 % a step", () => {
    const s = scenarioSteps("bleed", 30);
    expect(s.at(-1)!.factor).toBeCloseTo(0.99 ** 30, 12);
  });

  it("names and factors", () => {
    expect(SCENARIOS.every(isScenario)).toBe(true);
    expect(isScenario("moon")).toBe(false);
    expect(applyFactor(3000_00000000n, 1)).toBe(3000_00000000n);
    expect(applyFactor(3000_00000000n, 0.65)).toBe(1950_00000000n);
  });
});

describe("simulator flags", () => {
  it("parses per-asset numbers and refuses malformed ones", () => {
    expect(parseAssetNumbers("WETH=0.004,WBTC=-0.001", "vol")).toEqual({ WETH: 0.004, WBTC: -0.001 });
    expect(parseAssetNumbers(undefined, "vol")).toEqual({});
    expect(() => parseAssetNumbers("WETH", "vol")).toThrow(/--vol/);
  });

  it("the walk's drift moves the price by exp(μ) when σ = 0", () => {
    expect(randomWalkStep(1_000_000_000n, 0, () => 0.5, Math.log(0.9))).toBe(900_000_000n);
  });
});
