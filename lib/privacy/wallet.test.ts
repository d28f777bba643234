import { describe, expect, it } from "vitest";
import { loadWallet, parseWallet, saveWallet, serializeWallet, storageKey, WalletFileError, type PrivateWallet } from "./wallet";

const scope = { chainId: 31337, pool: "0x1111111111111111111111111111111111111111", account: "0x2222222222222222222222222222222222222222" } as const;
const wallet: PrivateWallet = {
  ownerKey: 123456789n,
  note: { collateral: 10n ** 18n, shares: 5n, blinding: 42n, ownerKey: 123456789n, leafIndex: 3 },
  pending: { collateral: 2n * 10n ** 18n, shares: 5n, blinding: 43n, ownerKey: 123456789n },
};

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe("the browser's private wallet", () => {
  it("round-trips through storage and through a backup file", () => {
    const s = memoryStorage();
    saveWallet(s, scope, wallet);
    expect(loadWallet(s, scope)).toEqual(wallet);
    expect(parseWallet(serializeWallet(scope, wallet), scope)).toEqual(wallet);
    const liquidated: PrivateWallet = {
      ...wallet,
      pending: null,
      liquidation: { seized: 9n * 10n ** 17n, shares: 5n, repaid: 2_000_000n, block: 77n, tx: `0x${"ab".repeat(32)}` },
    };
    expect(parseWallet(serializeWallet(scope, liquidated), scope)).toEqual(liquidated);
    // the pending note's transaction (audit j M-2) and an aside note's root survive the round trip
    const inFlight: PrivateWallet = {
      ...wallet,
      note: { ...wallet.note!, leafIndex: 0, asideRoot: 99n },
      pendingTx: `0x${"cd".repeat(32)}`,
      pendingSpends: 77n,
      unconfirmed: [{ collateral: 5n, shares: 0n, blinding: 44n, ownerKey: 123456789n, spends: 78n }],
    };
    expect(parseWallet(serializeWallet(scope, inFlight), scope)).toEqual(inFlight);
    const text = JSON.parse(serializeWallet(scope, inFlight)) as Record<string, unknown>;
    expect(() => parseWallet(JSON.stringify({ ...text, pendingTx: "0x12" }), scope)).toThrow(WalletFileError);
    expect(() => parseWallet(JSON.stringify({ ...text, pending: null }), scope)).toThrow(WalletFileError);
    expect(() => parseWallet(serializeWallet(scope, { ...liquidated, liquidation: { ...liquidated.liquidation!, tx: "0x12" } }), scope)).toThrow(
      WalletFileError,
    );
    expect(parseWallet(serializeWallet(scope, { ownerKey: 7n, note: null, pending: null }), scope)).toEqual({
      ownerKey: 7n,
      note: null,
      pending: null,
    });
  });

  it("keeps the root of a remainder a liquidation inserted aside through storage and a backup file", () => {
    const aside: PrivateWallet = {
      ownerKey: 123456789n,
      note: { collateral: 6n * 10n ** 17n, shares: 0n, blinding: 44n, ownerKey: 123456789n, leafIndex: 0, asideRoot: 987654321n },
      pending: null,
      liquidation: { seized: 9n * 10n ** 17n, shares: 5n, repaid: 2_000_000n, block: 77n, tx: `0x${"cd".repeat(32)}` },
    };
    const s = memoryStorage();
    saveWallet(s, scope, aside);
    expect(loadWallet(s, scope)).toEqual(aside);
    const text = serializeWallet(scope, aside);
    expect(parseWallet(text, scope)).toEqual(aside);
    expect(parseWallet(text, scope).note?.asideRoot).toBe(987654321n);
    // a note of the main tree carries no asideRoot key at all
    expect(parseWallet(serializeWallet(scope, wallet), scope).note).not.toHaveProperty("asideRoot");
    // an aside note is at leaf 0, its root a field element
    for (const bad of [
      text.replace('"leafIndex":0', '"leafIndex":1'),
      text.replace('"asideRoot":"987654321"', '"asideRoot":987654321'),
      text.replace('"asideRoot":"987654321"', '"asideRoot":"-1"'),
      text.replace('"asideRoot":"987654321"', `"asideRoot":"${2n ** 254n}"`),
    ])
      expect(() => parseWallet(bad, scope), bad).toThrow(WalletFileError);
  });

  it("keys storage by chain, pool and account", () => {
    expect(storageKey(scope)).not.toBe(storageKey({ ...scope, chainId: 1 }));
    expect(storageKey(scope)).not.toBe(storageKey({ ...scope, account: "0x3333333333333333333333333333333333333333" }));
    expect(loadWallet(memoryStorage(), scope)).toBeNull();
  });

  it("refuses a backup of another pool or account, and a malformed one", () => {
    const text = serializeWallet(scope, wallet);
    expect(() => parseWallet(text, { ...scope, pool: "0x3333333333333333333333333333333333333333" })).toThrow(WalletFileError);
    expect(() => parseWallet(text, { ...scope, chainId: 1 })).toThrow(/another chain/);
    for (const bad of [
      "",
      "{}",
      "[]",
      text.replace('"123456789"', '"-1"'),
      text.replace('"leafIndex":3', '"leafIndex":-1'),
      text.replace('"5"', '"1e3"'),
    ])
      expect(() => parseWallet(bad, scope), bad).toThrow(WalletFileError);
  });
});
