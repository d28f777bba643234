import { describe, expect, it } from "vitest";
import { BlockRefreshes } from "./block-refresh";

describe("BlockRefreshes", () => {
  it("lets the first watcher of a block refresh a query and stops the others for that block", () => {
    const r = new BlockRefreshes();
    expect(r.claim(31337, '["keel","vault"]', 10n)).toBe(true);
    expect(r.claim(31337, '["keel","vault"]', 10n)).toBe(false);
    expect(r.claim(31337, '["keel","vault"]', 11n)).toBe(true);
  });

  it("never refreshes for an older block than one already seen (a slow poll answering late)", () => {
    const r = new BlockRefreshes();
    expect(r.claim(1, "k", 12n)).toBe(true);
    expect(r.claim(1, "k", 11n)).toBe(false);
  });

  it("keeps queries and chains apart", () => {
    const r = new BlockRefreshes();
    expect(r.claim(1, "a", 5n)).toBe(true);
    expect(r.claim(1, "b", 5n)).toBe(true);
    expect(r.claim(2, "a", 5n)).toBe(true);
  });
});
