import { describe, expect, it } from "vitest";
import { linePath, lonePoints, nearestIndex, niceTicks, placeLabels, rimWidths, TIME_STEPS, zeroBasedTicks } from "./chart-scale";

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

describe("niceTicks", () => {
  it("puts round multiples inside a range that does not start at 0", () => {
    expect(niceTicks(1_003, 1_047)).toEqual([1_010, 1_020, 1_030, 1_040]);
    expect(niceTicks(0.5, 3.5)).toEqual([1, 2, 3]);
    expect(niceTicks(12, 13, 2)).toEqual([12, 12.5, 13]);
    // Block numbers: whole steps only.
    expect(niceTicks(12, 13, 4, { integers: true })).toEqual([12, 13]);
    expect(niceTicks(100, 100.5, 4, { integers: true })).toEqual([100]);
    expect(niceTicks(1_003, 1_047, 4, { integers: true })).toEqual(niceTicks(1_003, 1_047, 4));
  });
  it("keeps every tick in the range and no more than about `count` of them", () => {
    for (const [min, max] of [
      [1, 999],
      [17, 18],
      [123_456, 987_654],
      [-3, 7],
    ] as const) {
      const ticks = niceTicks(min, max);
      expect(ticks.every((t) => t >= min && t <= max)).toBe(true);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });
  it("steps a time axis by whole minutes, hours or days", () => {
    const start = 1_764_979_200; // a midnight UTC
    expect(niceTicks(start + 100, start + 4 * 3600, 4, { steps: TIME_STEPS })).toEqual([start + 3600, start + 7200, start + 10800, start + 14400]);
    expect(niceTicks(start, start + 5 * 86400, 5, { steps: TIME_STEPS }).every((t) => t % 86400 === 0)).toBe(true);
    // A month steps by weeks, 500 days by quarters (whole days either way); under a minute, by round seconds.
    expect(niceTicks(start, start + 30 * 86400, 4, { steps: TIME_STEPS }).every((t) => t % 604_800 === 0 || (t - start) % 604_800 === 0)).toBe(true);
    expect(niceTicks(start, start + 500 * 86400, 4, { steps: TIME_STEPS }).every((t) => t % 86400 === 0)).toBe(true);
    expect(niceTicks(start + 3, start + 33, 4, { steps: TIME_STEPS })).toEqual([start + 10, start + 20, start + 30]);
  });
  it("gives one end to an empty range", () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe("linePath", () => {
  it("joins points, or steps flat then up or down with `step`", () => {
    expect(linePath([0, 10, 20], [5, 7, 3])).toBe("M0,5L10,7L20,3");
    expect(linePath([0, 10, 20], [5, 7, 3], true)).toBe("M0,5H10V7H20V3");
  });
  it("breaks the line at a gap and skips what is not a number", () => {
    expect(linePath([0, 10, 20, 30], [5, null, 3, 4])).toBe("M0,5M20,3L30,4");
    expect(linePath([0, 10], [Number.NaN, 2])).toBe("M10,2");
    expect(linePath([], [])).toBe("");
  });
});

describe("lonePoints", () => {
  it("finds the values a line cannot show: the only one, or one between gaps", () => {
    expect(lonePoints([4])).toEqual([0]);
    expect(lonePoints([1, null, 3, null, 5, 6])).toEqual([0, 2]);
    expect(lonePoints([1, 2, 3])).toEqual([]);
    expect(lonePoints([null, Number.NaN])).toEqual([]);
  });
});

describe("nearestIndex", () => {
  it("picks the row nearest the pointer, and none well outside the range", () => {
    expect(nearestIndex([0, 10, 20], 14, 0, 20)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16, 0, 20)).toBe(2);
    expect(nearestIndex([0, 10, 20], 20.3, 0, 20)).toBe(2); // within the 2 % slack past an end
    expect(nearestIndex([0, 10, 20], 25, 0, 20)).toBeNull();
    expect(nearestIndex([], 5, 0, 20)).toBeNull();
  });
});

describe("rimWidths", () => {
  it("draws the first line widest and ends at the base width, so equal lines each stay visible", () => {
    expect(rimWidths(3)).toEqual([6, 4, 2]);
    expect(rimWidths(1)).toEqual([2]);
    expect(rimWidths(0)).toEqual([]);
    expect(rimWidths(2, 1, 2)).toEqual([3, 1]);
    // Many lines: the widest stays at 8 px, the steps shrink.
    expect(rimWidths(5)).toEqual([8, 6.5, 5, 3.5, 2]);
  });
});

describe("placeLabels", () => {
  it("centres each label on its tick, shifts one that would be cut at an edge, and leaves out one that would then touch", () => {
    // Room for all: centred.
    expect(
      placeLabels(
        [
          { at: 50, width: 20 },
          { at: 150, width: 20 },
        ],
        200,
      ),
    ).toEqual([50, 150]);
    // The last at the right edge (a 60 px label at 190 of 200): shifted to end at 200.
    expect(
      placeLabels(
        [
          { at: 10, width: 60 },
          { at: 190, width: 60 },
        ],
        200,
      ),
    ).toEqual([30, 170]);
    // Shifted inward it would touch its neighbour: the neighbour is left out, the axis's end kept.
    expect(
      placeLabels(
        [
          { at: 20, width: 40 },
          { at: 120, width: 60 },
          { at: 190, width: 60 },
        ],
        200,
      ),
    ).toEqual([20, null, 170]);
    // Too close from the start: later labels are left out until there is room.
    expect(
      placeLabels(
        [
          { at: 0, width: 30 },
          { at: 10, width: 30 },
          { at: 100, width: 30 },
        ],
        200,
      ),
    ).toEqual([15, null, 100]);
    // A label wider than the drawing starts at its left edge.
    expect(placeLabels([{ at: 5, width: 300 }], 200)).toEqual([150]);
    expect(placeLabels([], 200)).toEqual([]);
  });
});
