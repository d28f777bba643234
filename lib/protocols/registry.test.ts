import { addresses } from "@morpho-org/morpho-ts";
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { PROTOCOL_REGISTRY, protocolRegistry } from "./registry";

describe("lib/protocols/registry.ts", () => {
  it("lists Ethereum, Base and Arbitrum with checksummed addresses", () => {
    expect(
      Object.keys(PROTOCOL_REGISTRY)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([1, 8453, 42161]);
    for (const e of Object.values(PROTOCOL_REGISTRY)) {
      for (const a of [e.multicall3, ...Object.values(e.aaveV3), e.morphoBlue.morpho, e.morphoBlue.adaptiveCurveIrm]) expect(getAddress(a)).toBe(a);
    }
    expect(protocolRegistry(31337)).toBeUndefined();
  });

  it("Morpho's addresses are the ones @morpho-org/morpho-ts publishes", () => {
    for (const e of Object.values(PROTOCOL_REGISTRY)) {
      const published = (addresses as Record<number, { morpho: string; adaptiveCurveIrm: string }>)[e.chainId]!;
      expect(e.morphoBlue.morpho).toBe(published.morpho);
      expect(e.morphoBlue.adaptiveCurveIrm).toBe(published.adaptiveCurveIrm);
    }
  });
});
