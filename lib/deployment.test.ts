import { describe, expect, it } from "vitest";
import { DeploymentError, parseDeployment } from "./deployment";

const A = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const B = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const good = {
  chainId: 31337,
  deploymentBlock: 0,
  contracts: { oracle: A },
  assets: [{ symbol: "WETH", name: "Wrapped Ether", address: B, decimals: 18, feed: A }],
  markets: [{ address: A, name: "USDC market", baseAsset: B, collaterals: [B] }],
};

describe("parseDeployment", () => {
  it("accepts a valid file and checksums addresses", () => {
    const d = parseDeployment(good, 31337);
    expect(d.contracts.oracle).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(d.assets[0]!.decimals).toBe(18);
  });
  it("names every bad field at once", () => {
    const bad = {
      ...good,
      chainId: 1,
      deploymentBlock: -1,
      contracts: { oracle: "0x123" },
      assets: [{ symbol: "", name: "x", address: B, decimals: 99, feed: "nope" }],
      markets: [{ address: A, name: "m", baseAsset: A, collaterals: ["0xzz"] }],
    };
    try {
      parseDeployment(bad, 31337, "31337.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DeploymentError);
      const msg = (e as Error).message;
      for (const field of [
        "chainId is 1, expected 31337",
        "deploymentBlock",
        "contracts.oracle",
        "assets[0].symbol",
        "assets[0].decimals",
        "assets[0].feed",
        "markets[0].baseAsset is not one of assets",
        "markets[0].collaterals[0] must be an address",
      ]) {
        expect(msg).toContain(field);
      }
      expect(msg.startsWith("31337.json: ")).toBe(true);
    }
  });
  it("refuses non-objects and duplicate symbols", () => {
    expect(() => parseDeployment([], 1)).toThrow(/JSON object/);
    expect(() => parseDeployment({ ...good, assets: [good.assets[0], good.assets[0]] }, 31337)).toThrow(/WETH appears twice/);
  });
});
