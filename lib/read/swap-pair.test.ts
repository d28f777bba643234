import { zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { guardSwapper, swapPair, warmGuardVenue } from "./swap-pair";

const A = "0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa";
const B = "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB";
const FACTORY = "0x1111111111111111111111111111111111111111";
const PAIR = "0x2222222222222222222222222222222222222222";
const SWAPPER = "0x3333333333333333333333333333333333333333";

/** A client answering the factory, the pair (`pair()` decides it) and the swapper, counting every call by function. */
function client(pair: () => Address | Error) {
  const calls: string[] = [];
  return {
    calls,
    readContract: (async ({ functionName }: { functionName: string }) => {
      calls.push(functionName);
      if (functionName === "factory") return FACTORY;
      if (functionName === "swapper") return SWAPPER;
      const p = pair();
      if (p instanceof Error) throw p;
      return p;
    }) as never,
  };
}

describe("swapPair", () => {
  it("finds a pair once per page: the factory and getPair, then nothing", async () => {
    const c = client(() => PAIR);
    expect(await swapPair(c, 1, "0x4444444444444444444444444444444444444444", A, B)).toBe(PAIR);
    expect(await swapPair(c, 1, "0x4444444444444444444444444444444444444444", A, B)).toBe(PAIR);
    expect(c.calls).toEqual(["factory", "getPair"]);
    // The same two tokens the other way round: the same pair (a factory's getPair answers either order alike).
    expect(await swapPair(c, 1, "0x4444444444444444444444444444444444444444", B, A)).toBe(PAIR);
    expect(c.calls).toEqual(["factory", "getPair"]);
    // Another pair of the same adapter: its factory is known.
    expect(await swapPair(c, 1, "0x4444444444444444444444444444444444444444", A, "0x9999999999999999999999999999999999999999")).toBe(PAIR);
    expect(c.calls).toEqual(["factory", "getPair", "getPair"]);
  });

  it("asks again for a pair not created yet, and after a failed read", async () => {
    let answer: Address | Error = zeroAddress;
    const c = client(() => answer);
    const adapter = "0x5555555555555555555555555555555555555555";
    expect(await swapPair(c, 1, adapter, A, B)).toBe(zeroAddress);
    answer = new Error("RPC down");
    await expect(swapPair(c, 1, adapter, A, B)).rejects.toThrow("RPC down");
    answer = PAIR;
    expect(await swapPair(c, 1, adapter, A, B)).toBe(PAIR);
    expect(c.calls).toEqual(["factory", "getPair", "getPair", "getPair"]);
  });

  it("shares one read between lookups under way together", async () => {
    const c = client(() => PAIR);
    const adapter = "0x8888888888888888888888888888888888888888";
    const pairs = await Promise.all([swapPair(c, 1, adapter, A, B), swapPair(c, 1, adapter, A, B), swapPair(c, 1, adapter, B, A)]);
    expect(pairs).toEqual([PAIR, PAIR, PAIR]);
    expect(c.calls).toEqual(["factory", "getPair"]);
  });

  it("keeps chains apart", async () => {
    const c = client(() => PAIR);
    const adapter = "0x6666666666666666666666666666666666666666";
    await swapPair(c, 1, adapter, A, B);
    await swapPair(c, 2, adapter, A, B);
    expect(c.calls).toEqual(["factory", "getPair", "factory", "getPair"]);
  });
});

describe("guardSwapper", () => {
  it("reads a guard adapter's swapper once", async () => {
    const c = client(() => PAIR);
    const guard = "0x7777777777777777777777777777777777777777";
    expect(await guardSwapper(c, 1, guard)).toBe(SWAPPER);
    expect(await guardSwapper(c, 1, guard)).toBe(SWAPPER);
    expect(c.calls).toEqual(["swapper"]);
  });
});

describe("warmGuardVenue", () => {
  it("finds the swapper and its factory ahead, so the pair is then one read", async () => {
    const c = client(() => PAIR);
    const guard = "0xabababababababababababababababababababab";
    warmGuardVenue(c, 3, guard);
    await new Promise((r) => setTimeout(r, 0));
    // Before anything asks for a pool, both lookups have gone out.
    expect(c.calls).toEqual(["swapper", "factory"]);
    const pair = await swapPair(c, 3, await guardSwapper(c, 3, guard), A, B);
    expect(pair).toBe(PAIR);
    expect(c.calls).toEqual(["swapper", "factory", "getPair"]);
  });

  it("never throws, and keeps no failed lookup", async () => {
    let fail = true;
    const calls: string[] = [];
    const c = {
      readContract: (async ({ functionName }: { functionName: string }) => {
        calls.push(functionName);
        if (fail) throw new Error("RPC down");
        return functionName === "swapper" ? SWAPPER : FACTORY;
      }) as never,
    };
    const guard = "0xcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
    expect(() => warmGuardVenue(c, 4, guard)).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    fail = false;
    expect(await guardSwapper(c, 4, guard)).toBe(SWAPPER);
    expect(calls).toEqual(["swapper", "swapper"]);
  });
});
