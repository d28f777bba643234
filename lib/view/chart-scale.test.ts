import { describe, expect, it } from "vitest";
import { zeroBasedTicks } from "./chart-scale";

describe("zeroBasedTicks", () => {
  it("ends at a round top at or above the maximum, in steps of 1, 2 or 5 × 10^k", () => {
    expect(zeroBasedTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(zeroBasedTicks(10)).toEqual([0, 5, 10]);
    expect(zeroBasedTicks(1_234_567)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(zeroBasedTicks(0.37)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });
  it("counts in whole steps with `integers`", () => {
    expect(zeroBasedTicks(1, 4, true)).toEqual([0, 1]);
    expect(zeroBasedTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
  });
  it("gives 0–1 to an empty axis", () => {
    expect(zeroBasedTicks(0)).toEqual([0, 1]);
    expect(zeroBasedTicks(Number.NaN)).toEqual([0, 1]);
  });
});
