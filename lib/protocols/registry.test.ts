import { addresses, deployments } from "@morpho-org/morpho-ts";
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../config/deployment";
import { PROTOCOL_REGISTRY, protocolRegistry, protocolStartBlock, StartBlockUnknownError } from "./registry";

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

  it("Morpho's start blocks are the ones @morpho-org/morpho-ts publishes; Aave's are left to configuration", () => {
    for (const e of Object.values(PROTOCOL_REGISTRY)) {
      const published = (deployments as Record<number, { morpho: bigint }>)[e.chainId]!;
      expect(BigInt(e.morphoBlue.startBlock)).toBe(published.morpho);
      expect(e.aaveV3.startBlock).toBeUndefined();
    }
  });

  describe("protocolStartBlock", () => {
    const eth = PROTOCOL_REGISTRY[1]!;
    const real = (extra: Partial<Deployment> = {}): Parameters<typeof protocolStartBlock>[0] => ({
      chainId: 1,
      deploymentBlock: 21_000_000,
      aaveV3: { ...eth.aaveV3 },
      morphoBlue: { morpho: eth.morphoBlue.morpho, markets: [] },
      ...extra,
    });

    it("on a real network reads Morpho from the registry's block, not Keel's", () => {
      expect(protocolStartBlock(real(), "morpho-blue")).toBe(18_883_124n);
      for (const [id, e] of Object.entries(PROTOCOL_REGISTRY)) {
        const d = { ...real(), chainId: Number(id), morphoBlue: { morpho: e.morphoBlue.morpho, markets: [] } };
        expect(protocolStartBlock(d, "morpho-blue")).toBe(BigInt(e.morphoBlue.startBlock));
      }
    });

    it("refuses Aave on a real network until the deployment file names its block, then uses that block", () => {
      expect(() => protocolStartBlock(real(), "aave-v3")).toThrow(StartBlockUnknownError);
      expect(() => protocolStartBlock(real(), "aave-v3")).toThrow(/aaveV3\.startBlock/);
      expect(protocolStartBlock(real({ aaveV3: { ...eth.aaveV3, startBlock: 16_291_127 } }), "aave-v3")).toBe(16_291_127n);
    });

    it("the deployment file's own figure wins over the registry's", () => {
      expect(protocolStartBlock(real({ morphoBlue: { morpho: eth.morphoBlue.morpho, markets: [], startBlock: 19_000_000 } }), "morpho-blue")).toBe(
        19_000_000n,
      );
    });

    it("a listed chain whose file names another contract (a fork, a copy) gets no registry figure", () => {
      const other = real({ morphoBlue: { morpho: "0x0000000000000000000000000000000000000001", markets: [] } });
      expect(() => protocolStartBlock(other, "morpho-blue")).toThrow(/morphoBlue\.startBlock/);
    });

    it("a local dev chain (protocols deployed after Keel) reads from Keel's first block; any other chain must configure it", () => {
      const local = { ...real(), chainId: 31337, deploymentBlock: 7, dev: { feedOwner: eth.multicall3 } };
      expect(protocolStartBlock(local, "aave-v3")).toBe(7n);
      expect(protocolStartBlock(local, "morpho-blue")).toBe(7n);
      expect(protocolStartBlock({ ...local, aaveV3: { ...eth.aaveV3, startBlock: 9 } }, "aave-v3")).toBe(9n);
      const testnet = { ...real(), chainId: 11155111 };
      expect(() => protocolStartBlock(testnet, "morpho-blue")).toThrow(StartBlockUnknownError);
      expect(() => protocolStartBlock(testnet, "aave-v3")).toThrow(StartBlockUnknownError);
    });
  });
});
