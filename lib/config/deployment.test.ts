import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { DeploymentError, findMarket, parseDeployment } from "./deployment";

const A = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const B = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const good = {
  chainId: 31337,
  deploymentBlock: 0,
  contracts: { oracle: A },
  assets: [{ symbol: "WETH", name: "Wrapped Ether", address: B, decimals: 18, feed: A }],
  markets: [{ address: A, name: "USDC market", baseAsset: B, collaterals: [B], lenderVault: B }],
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
      markets: [{ address: A, name: "m", baseAsset: A, collaterals: ["0xzz"], lenderVault: "0x1" }],
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
        "markets[0].lenderVault must be an address",
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

describe("parseDeployment: Aave v3 and Morpho Blue sections", () => {
  const aaveV3 = { poolAddressesProvider: A, pool: B, poolConfigurator: A, aclManager: B, oracle: A, protocolDataProvider: B, uiPoolDataProvider: A };
  const market = { id: `0x${"ab".repeat(32)}`, name: "WETH/USDC", loanToken: A, collateralToken: B, oracle: A, irm: B, lltv: "860000000000000000" };
  it("accepts both, checksummed, and a file without them as before", () => {
    const d = parseDeployment({ ...good, contracts: { oracle: A, multicall3: B }, aaveV3, morphoBlue: { morpho: A, markets: [market] } }, 31337);
    expect(d.aaveV3!.pool).toBe("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    expect(d.morphoBlue!.markets[0]!.lltv).toBe("860000000000000000");
    expect(d.aaveV3!.startBlock).toBeUndefined();
    const withStart = parseDeployment(
      { ...good, aaveV3: { ...aaveV3, startBlock: 16291127 }, morphoBlue: { morpho: A, markets: [], startBlock: 18883124 } },
      31337,
    );
    expect(withStart.aaveV3!.startBlock).toBe(16291127);
    expect(withStart.morphoBlue!.startBlock).toBe(18883124);
    expect(() =>
      parseDeployment({ ...good, aaveV3: { ...aaveV3, startBlock: -1 }, morphoBlue: { morpho: A, markets: [], startBlock: "1" } }, 31337),
    ).toThrow(/aaveV3\.startBlock must be a whole number.*morphoBlue\.startBlock must be a whole number/);
    expect(d.contracts.multicall3).toBe("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    const plain = parseDeployment(good, 31337);
    expect(plain.aaveV3).toBeUndefined();
    expect(plain.morphoBlue).toBeUndefined();
  });
  it("names every bad field", () => {
    const bad = {
      ...good,
      aaveV3: { ...aaveV3, pool: "0x1" },
      morphoBlue: { morpho: A, markets: [{ ...market, id: "0x12", lltv: "1000000000000000000" }] },
    };
    expect(() => parseDeployment(bad, 31337)).toThrowError(
      /aaveV3\.pool must be an address.*morphoBlue\.markets\[0\]\.id must be a 32-byte hex id.*morphoBlue\.markets\[0\]\.lltv/,
    );
  });
});

describe("findMarket", () => {
  it("finds a market by its address in any case, with its lender vault; undefined when unknown or without a deployment", () => {
    const d = parseDeployment(good, 31337);
    expect(findMarket(d, A.toUpperCase().replace("0X", "0x"))?.lenderVault).toBe(getAddress(B));
    expect(findMarket(d, B)).toBeUndefined();
    expect(findMarket(null, A)).toBeUndefined();
  });
});
