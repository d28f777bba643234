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

  it("does not re-read a query its page has just read when the watcher's first block comes in", () => {
    const r = new BlockRefreshes();
    // The page mounted: its reads and the watcher's first poll went out together.
    expect(r.claim(1, "vault", 20n, { fresh: true })).toBe(false);
    // The next block refreshes it as usual; a second watcher's first block of the same height does not.
    expect(r.claim(1, "vault", 21n)).toBe(true);
    expect(r.claim(1, "vault", 21n, { fresh: true })).toBe(false);
  });

  it("re-reads at the watcher's first block a query read before the watcher started, or refreshed by an older block", () => {
    const r = new BlockRefreshes();
    expect(r.claim(1, "old", 20n, { fresh: false })).toBe(true);
    // A watcher started again (its keys changed) over a query that a block refreshed before: that block decides.
    expect(r.claim(1, "known", 20n)).toBe(true);
    expect(r.claim(1, "known", 22n, { fresh: true })).toBe(true);
    expect(r.claim(1, "known", 22n, { fresh: true })).toBe(false);
  });
});
