import { describe, expect, it } from "vitest";
import { BookCache, type BuiltBook } from "./src/api/book-cache";

const book = (tag: number): BuiltBook => ({ body: new Uint8Array([tag]), vaults: tag, block: BigInt(tag) });

describe("BookCache", () => {
  it("builds once per version and serves the same bytes within it", async () => {
    const cache = new BookCache();
    let builds = 0;
    const build = async () => book(++builds);
    const [a, b] = await Promise.all([cache.get("1:0xm", "v1", build), cache.get("1:0xm", "v1", build)]);
    expect(builds).toBe(1);
    expect(a).toBe(b);
    expect(await cache.get("1:0xm", "v1", build)).toBe(a);
    expect(builds).toBe(1);
  });

  it("never serves a book of another version: a new block and a reorg back both rebuild", async () => {
    const cache = new BookCache();
    let builds = 0;
    const build = async () => book(++builds);
    expect((await cache.get("1:0xm", "cp10", build)).vaults).toBe(1);
    expect((await cache.get("1:0xm", "cp11", build)).vaults).toBe(2); // new indexed block
    expect((await cache.get("1:0xm", "cp10", build)).vaults).toBe(3); // reorg: checkpoint rolled back
    expect((await cache.get("1:0xm", "cp10", build)).vaults).toBe(3);
    expect(builds).toBe(3);
  });

  it("keeps markets apart", async () => {
    const cache = new BookCache();
    let builds = 0;
    const build = async () => book(++builds);
    const a = await cache.get("1:0xa", "v", build);
    const b = await cache.get("1:0xb", "v", build);
    expect(a).not.toBe(b);
    expect(cache.size).toBe(2);
  });

  it("drops a failed build so the next request tries again", async () => {
    const cache = new BookCache();
    await expect(cache.get("1:0xm", "v", async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(cache.size).toBe(0);
    expect((await cache.get("1:0xm", "v", async () => book(7))).vaults).toBe(7);
  });
});
