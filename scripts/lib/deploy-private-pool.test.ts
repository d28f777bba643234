import { describe, expect, it, vi } from "vitest";
import { bytecodeOf } from "./artifacts";
import { carriesDevVerifierKey, checkPrivatePoolVerifier, deployPrivatePoolOn, devVerifierConstants } from "./deploy-private-pool";

const MARKET = "0x00000000000000000000000000000000000000aa";
const WETH = "0x00000000000000000000000000000000000000bb";

/** A client on `chainId` that records what it would deploy (nothing is sent). */
function fakeClient(chainId: number) {
  const deploy = vi.fn(async (...args: unknown[]) => (void args, "0x00000000000000000000000000000000000000cc" as const));
  const publicClient = { getChainId: async () => chainId, getBlockNumber: async () => 7n };
  return { deploy, publicClient } as unknown as Parameters<typeof deployPrivatePoolOn>[0] & { deploy: typeof deploy };
}

describe("the private pool's deploy guard (the development verifier stays on local chains)", () => {
  it("refuses the committed development verifier (dev zkey, dev liquidators' key) on a chain that is not local", async () => {
    expect(() => checkPrivatePoolVerifier(1, undefined)).toThrow(/chain 1: refusing the development verifier/);
    expect(() => checkPrivatePoolVerifier(11155111, bytecodeOf("PrivateVaultVerifier"))).toThrow(/refusing the development verifier/);
    const c = fakeClient(8453);
    await expect(deployPrivatePoolOn(c, { market: MARKET, collateral: WETH })).rejects.toThrow(/chain 8453: refusing/);
    expect(c.deploy).not.toHaveBeenCalled(); // refused before anything is sent
  });

  it("recognises the development verifier by its verifying key, not its exact bytes (zkaudit4 M2a)", () => {
    const dev = bytecodeOf("PrivateVaultVerifier");
    const constants = devVerifierConstants();
    expect(constants).toHaveLength(4 + 2 * 14); // delta's four coordinates, IC0..IC13 (circuit v3: 13 public inputs)
    // one trailing byte, another metadata tail (other solc settings), or only the key's constants as PUSH32s
    const pushes = `0x${constants.map((c) => `7f${c.toString(16).padStart(64, "0")}`).join("")}` as const;
    for (const other of [`${dev}00`, `${dev}a164736f6c6343000825000a`, pushes] as const) {
      expect(carriesDevVerifierKey(other)).toBe(true);
      expect(() => checkPrivatePoolVerifier(1, other)).toThrow(/chain 1: refusing the development verifier/);
    }
    // a single constant of the key is enough
    const one = constants[5]!;
    expect(carriesDevVerifierKey(`0x6080${one.toString(16).padStart(64, "0")}00`)).toBe(true);
    expect(carriesDevVerifierKey("0x6080604052600080fd")).toBe(false);
  });

  it("takes it on a local chain, and a production ceremony's verifier anywhere", async () => {
    expect(checkPrivatePoolVerifier(31337, undefined)).toBe(bytecodeOf("PrivateVaultVerifier"));
    const production = "0x6080604052600080fd" as const;
    expect(checkPrivatePoolVerifier(1, production)).toBe(production);
    expect(() => checkPrivatePoolVerifier(1, "0x")).toThrow(/no bytecode/);
    const c = fakeClient(1);
    await deployPrivatePoolOn(c, { market: MARKET, collateral: WETH, verifierBytecode: production });
    expect(c.deploy).toHaveBeenCalledTimes(2); // the verifier, the pool (circuit v2: no Poseidon library)
    expect(c.deploy.mock.calls[0]![1]).toBe(production);
    expect(c.deploy.mock.calls[1]![2]).toEqual([MARKET, WETH, "0x00000000000000000000000000000000000000cc", 0n, 0n]); // the pool's default minimums
  });
});
