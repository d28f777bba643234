import { describe, expect, it } from "vitest";
import { feeWithHeadroom } from "./actions";
import { remoteSource, type CrossChainDeployment } from "./deployment";
import { messageProgress, LATE_AFTER_SECONDS } from "./messages";

describe("cross-chain fees and message progress", () => {
  it("adds 20 % headroom to a quoted fee, rounded up, and none to a zero fee", () => {
    expect(feeWithHeadroom(0n)).toBe(0n);
    expect(feeWithHeadroom(1n)).toBe(2n);
    expect(feeWithHeadroom(550_000_000_000_000n)).toBe(660_000_000_000_000n);
  });
  it("tells delivered, in flight and late apart", () => {
    expect(messageProgress({ state: "delivered" }, 0, 1_000)).toBe("delivered");
    expect(messageProgress({ state: "dispatched" }, undefined, 1_000)).toBe("inFlight");
    expect(messageProgress({ state: "dispatched" }, 1_000 - LATE_AFTER_SECONDS, 1_000)).toBe("inFlight");
    expect(messageProgress({ state: "dispatched" }, 1_000 - LATE_AFTER_SECONDS - 1, 1_000)).toBe("late");
  });
});

describe("remoteSource", () => {
  const xc = {
    gateway: {
      chainId: 31337,
      claims: [
        {
          asset: "WETH",
          symbol: "xWETH",
          claim: "0x00000000000000000000000000000000000000c1" as const,
          market: "0x00000000000000000000000000000000000000a1" as const,
        },
      ],
    },
    outpost: { chainId: 31338 },
  } as unknown as CrossChainDeployment;
  it("names the chain and asset a claim stands for, on the gateway's chain only", () => {
    expect(remoteSource({ id: 31337, crossChain: xc }, "0x00000000000000000000000000000000000000C1")).toEqual({
      chainId: 31338,
      asset: "WETH",
      symbol: "xWETH",
    });
    expect(remoteSource({ id: 31337, crossChain: xc }, "0x00000000000000000000000000000000000000a1")).toBeNull();
    expect(remoteSource({ id: 31338, crossChain: xc }, "0x00000000000000000000000000000000000000c1")).toBeNull();
    expect(remoteSource({ id: 31337 }, "0x00000000000000000000000000000000000000c1")).toBeNull();
  });
});
