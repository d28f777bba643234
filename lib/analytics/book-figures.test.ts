import { describe, expect, it } from "vitest";
import { nextSort, type BookSort } from "./book-figures";

describe("nextSort", () => {
  it("reverses the key asked for last, and starts a new key in its natural direction", () => {
    const byHealth: BookSort = { key: "hf", desc: false };
    expect(nextSort(byHealth, "hf")).toEqual({ key: "hf", desc: true });
    expect(nextSort(byHealth, "debt")).toEqual({ key: "debt", desc: true });
    expect(nextSort(byHealth, "collateral")).toEqual({ key: "collateral", desc: true });
    expect(nextSort(byHealth, "odds7")).toEqual({ key: "odds7", desc: true });
    expect(nextSort(byHealth, "distance")).toEqual({ key: "distance", desc: false });
    expect(nextSort(byHealth, "owner")).toEqual({ key: "owner", desc: false });
  });

  it("two clicks on one header, from whatever was asked before, end on the opposite of the first", () => {
    for (const start of [
      { key: "hf", desc: false },
      { key: "debt", desc: true },
      { key: "debt", desc: false },
    ] as BookSort[]) {
      const first = nextSort(start, "debt");
      expect(nextSort(first, "debt")).toEqual({ key: "debt", desc: !first.desc });
    }
  });
});
