import { describe, expect, it } from "vitest";
import type { ChainSettings } from "./chains";
import type { CreateConnectorFn } from "wagmi";
import { toViemChain, walletConnectors, walletGroups } from "./wagmi-config";

const local = { id: 31337, name: "Local", rpcUrl: "http://127.0.0.1:8545", local: true } as ChainSettings;
const params = { projectId: "abc123", appName: "Keel" } as never;
const ids = (g: ReturnType<typeof walletGroups>["groups"]) => g.flatMap((x) => x.wallets.map((w) => w(params).id));

describe("walletGroups", () => {
  it("lists only browser (and dev) wallets without a WalletConnect project id", () => {
    for (const id of [undefined, "", "  "]) {
      const { groups, projectId } = walletGroups([local], id, []);
      expect(projectId).toBeUndefined();
      expect(ids(groups)).toEqual(["injected", "keel-dev-0", "keel-dev-1", "keel-dev-2"]);
    }
  });
  it("adds RainbowKit's defaults, WalletConnect among them, with one", () => {
    const { groups, projectId } = walletGroups([local], "abc123", []);
    expect(projectId).toBe("abc123");
    expect(ids(groups)).toEqual(expect.arrayContaining(["injected", "metaMask", "rainbow", "coinbase", "walletConnect", "keel-dev-0"]));
  });
  it("lists each wallet that announced itself (EIP-6963) by name, for RainbowKit's mobile dialog, which lists no other", () => {
    const provider = { request: async () => null } as never;
    const announced = [{ info: { uuid: "u", name: "Some Wallet", icon: "data:image/svg+xml,<svg/>", rdns: "com.some" }, provider }];
    const { groups } = walletGroups([local], undefined, announced);
    const wallets = groups[0]!.wallets.map((w) => w(params));
    expect(wallets.map((w) => w.id)).toEqual(["eip6963:com.some", "injected"]);
    // The desktop dialog drops it for RainbowKit's own announced entry by this rdns.
    expect(wallets[0]).toMatchObject({ name: "Some Wallet", rdns: "com.some", installed: true });
  });
});

describe("walletConnectors", () => {
  // A connector function run against a bare wagmi config: enough to read the details RainbowKit's dialogs list.
  const config = { chains: [toViemChain(local)], emitter: { emit() {}, on() {}, off() {} }, storage: null, transports: {} } as never;
  // Functions (lazy icons, made per call) compared by where they sit.
  const details = (fns: CreateConnectorFn[]) =>
    JSON.parse(
      JSON.stringify(
        fns.map((fn) => (fn(config) as { rkDetails?: unknown }).rkDetails),
        (k, v: unknown) => (typeof v === "function" ? `fn ${k}` : v),
      ),
    );

  it("gives every connector the details RainbowKit's own connectorsForWallets gives it", async () => {
    const { connectorsForWallets } = await import("@rainbow-me/rainbowkit");
    const announced = [
      {
        info: { uuid: "u", name: "Some Wallet", icon: "data:image/svg+xml,<svg/>", rdns: "com.some" },
        provider: { request: async () => null } as never,
      },
    ];
    for (const projectId of [undefined, "abc123"]) {
      const { groups } = walletGroups([local], projectId, announced);
      const options = { appName: "Keel", projectId: projectId ?? "keel-no-walletconnect" };
      const ours = details(walletConnectors(groups, options));
      expect(ours).toEqual(details(connectorsForWallets(groups, options)));
      expect(ours.length).toBe(projectId ? 10 : 5);
    }
  });
});
