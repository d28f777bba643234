import { describe, expect, it } from "vitest";
import { nonceManager } from "./agent-log";

const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;

describe("nonceManager: its own pending set", () => {
  it("hands concurrent callers consecutive nonces from one fetch of the pending count", async () => {
    let fetches = 0;
    const m = nonceManager(async () => (fetches++, 7));
    expect(await Promise.all([m.take(), m.take(), m.take()])).toEqual([7, 8, 9]);
    expect(fetches).toBe(1);
  });

  it("never hands out a nonce in flight again, even after a resync with a stale count", async () => {
    const m = nonceManager(async () => 3);
    const a = await m.take();
    const b = await m.take();
    m.sent(a, hash(1));
    m.sent(b, hash(2));
    // The node has mined nothing yet (its count lags our sends): the next nonce stays above the ones in flight.
    m.resync(3);
    expect(await m.take()).toBe(5);
    expect([...m.pending().keys()]).toEqual([3, 4]);
  });

  it("reuses a nonce only when the node refused the transaction at it, lowest first", async () => {
    const m = nonceManager(async () => 0);
    const [a, b, c] = [await m.take(), await m.take(), await m.take()];
    m.sent(a, hash(1));
    m.release(c);
    m.release(b);
    expect(await m.take()).toBe(1);
    expect(await m.take()).toBe(2);
    expect(await m.take()).toBe(3);
  });

  it("does not free a nonce that already has a transaction with the node", async () => {
    const m = nonceManager(async () => 0);
    const a = await m.take();
    m.sent(a, hash(1));
    m.release(a);
    expect(await m.take()).toBe(1);
  });

  it("keeps a replacement at its nonce and forgets it once mined", async () => {
    const m = nonceManager(async () => 10);
    const a = await m.take();
    m.sent(a, hash(1));
    m.replaced(a, hash(2));
    expect(m.pending().get(10)).toEqual([hash(1), hash(2)]);
    m.mined(a);
    expect(m.pending().size).toBe(0);
    expect(await m.take()).toBe(11);
  });

  it("moves past nonces another sender used, and drops what the chain has mined", async () => {
    const m = nonceManager(async () => 0);
    const a = await m.take();
    m.sent(a, hash(1));
    m.resync(5);
    expect(m.pending().size).toBe(0);
    expect(await m.take()).toBe(5);
  });
});
