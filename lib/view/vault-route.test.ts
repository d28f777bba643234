import { describe, expect, it } from "vitest";
import type { ChainConfig } from "../config/chains";
import { resolveVaultRoute } from "./vault-route";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";
const chain = {
  id: 31337,
  name: "Local",
  deployment: {
    contracts: { lens: "0x00000000000000000000000000000000000000cc" },
    markets: [
      { address: A, name: "USDC" },
      { address: B, name: "WETH" },
    ],
  },
} as unknown as ChainConfig;

const problem = (chainId: string, id: string, market?: string) => {
  const r = resolveVaultRoute([chain], chainId, id, market);
  return r.ok ? `${r.chain.id}/${r.market}/${r.id}` : r.problem;
};

describe("resolveVaultRoute", () => {
  it("names the chain's first market without ?market=, and the given one with it", () => {
    expect(problem("31337", "3")).toBe(`31337/${A}/3`);
    expect(problem("31337", "3", B.toUpperCase().replace("0X", "0x"))).toBe(`31337/${B}/3`);
  });
  it("refuses a wrong ?market= instead of showing another market's vault", () => {
    expect(problem("31337", "3", "0x123")).toMatch(/is not a market address/);
    expect(problem("31337", "3", "")).toMatch(/is not a market address/);
    expect(problem("31337", "3", "0x00000000000000000000000000000000000000dd")).toMatch(/No Keel market at/);
  });
  it("refuses unknown chains and bad ids", () => {
    expect(problem("1", "3")).toMatch(/not configured/);
    expect(problem("31337", "0")).toMatch(/not a vault id/);
    expect(problem("31337", "abc")).toMatch(/not a vault id/);
  });
});
