import { describe, expect, it } from "vitest";
import type { ChainSettings } from "./chains";
import { walletGroups } from "./wagmi-config";

const local = { id: 31337, name: "Local", rpcUrl: "http://127.0.0.1:8545", local: true } as ChainSettings;
const params = { projectId: "abc123", appName: "Keel" } as never;
const ids = (g: ReturnType<typeof walletGroups>["groups"]) => g.flatMap((x) => x.wallets.map((w) => w(params).id));

describe("walletGroups", () => {
  it("lists only browser (and dev) wallets without a WalletConnect project id", () => {
    for (const id of [undefined, "", "  "]) {
      const { groups, projectId } = walletGroups([local], id);
      expect(projectId).toBeUndefined();
      expect(ids(groups)).toEqual(["injected", "keel-dev-0", "keel-dev-1", "keel-dev-2"]);
    }
  });
  it("adds RainbowKit's defaults, WalletConnect among them, with one", () => {
    const { groups, projectId } = walletGroups([local], "abc123");
    expect(projectId).toBe("abc123");
    expect(ids(groups)).toEqual(
      expect.arrayContaining(["injected", "metaMask", "rainbow", "coinbase", "walletConnect", "keel-dev-0"]),
    );
  });
});
