import { describe, expect, it } from "vitest";
import { BlockRefreshes, readOfBlock, refreshOnFailedPoll, type WatchedQueryState } from "./block-refresh";

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

describe("readOfBlock", () => {
  const started = 1_000;
  const state = (s: Partial<WatchedQueryState>): WatchedQueryState => ({
    status: "success",
    fetchStatus: "idle",
    dataUpdateCount: 0,
    dataUpdatedAt: 0,
    data: undefined,
    ...s,
  });

  it("holds a query read, or being read, since the watcher started", () => {
    expect(readOfBlock(state({ fetchStatus: "fetching" }), started, 5n)).toBe(true);
    expect(readOfBlock(state({ dataUpdateCount: 1, dataUpdatedAt: 1_200, data: {} }), started, 5n)).toBe(true);
    expect(readOfBlock(state({ dataUpdateCount: 3, dataUpdatedAt: 900, data: {} }), started, 5n)).toBe(false);
  });

  it("holds the server's read for the page while no block has come since the one it was read at", () => {
    const seed = { block: 40n, at: 500 };
    const seeded = state({ dataUpdatedAt: 500, data: {} }); // initialData: stamped by the server's clock, no fetch
    expect(readOfBlock(seeded, started, 40n, seed)).toBe(true);
    expect(readOfBlock(seeded, started, 39n, seed)).toBe(true); // a lagging node's poll: still no newer block
    expect(readOfBlock(seeded, started, 41n, seed)).toBe(false);
    expect(readOfBlock(seeded, started, 40n)).toBe(false); // read without a block: read again
    expect(readOfBlock(state({}), started, 40n, seed)).toBe(false); // no data at all
  });

  it("does not take an older server read the cache kept for this render's seed (a page visited again)", () => {
    // The cache holds the first visit's read (block 30, at 200); this render's seed is block 40: the data is not of it.
    expect(readOfBlock(state({ dataUpdatedAt: 200, data: {} }), started, 40n, { block: 40n, at: 500 })).toBe(false);
  });

  it("reads again a query whose last read failed, so its error does not outlive the RPC's recovery", () => {
    expect(readOfBlock(state({ status: "error", dataUpdatedAt: 500, data: {} }), started, 40n, { block: 40n, at: 500 })).toBe(false);
  });

  it("judges a query fetched since by its fetch, not by the server's block", () => {
    expect(readOfBlock(state({ dataUpdateCount: 1, dataUpdatedAt: 800, data: {} }), started, 40n, { block: 40n, at: 800 })).toBe(false);
  });
});

describe("refreshOnFailedPoll", () => {
  it("refreshes on the first failed poll, then on the 2nd, 4th and 8th, then every 8th", () => {
    const refreshed = Array.from({ length: 40 }, (_, i) => i + 1).filter(refreshOnFailedPoll);
    expect(refreshed).toEqual([1, 2, 4, 8, 16, 24, 32, 40]);
    expect(refreshOnFailedPoll(0)).toBe(false);
  });
});
