import { describe, expect, it } from "vitest";
import { orphanOutcome, PendingFlowStore, type KeyValueStorage } from "./pending-flows";

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
}

const repay = {
  key: "vault:31337:0xm:3",
  chainId: 31337,
  form: { action: "repay", text: "100" },
  steps: ["Approve 100 USDC", "Repay 100 USDC"],
};

describe("pending flows", () => {
  it("a second flow on the same vault cannot start while the first runs", () => {
    const s = new PendingFlowStore("page-1");
    expect(s.begin(repay)).toEqual({ ok: true });
    const second = s.begin({ ...repay, form: { action: "repay", text: "5" } });
    expect(second.ok).toBe(false);
    expect(s.get(repay.key)?.form.text).toBe("100"); // the locked form keeps the amount being sent
    s.end(repay.key);
    expect(s.begin(repay)).toEqual({ ok: true });
  });

  it("notifies its readers with a new snapshot on each change", () => {
    const s = new PendingFlowStore("page-1");
    let calls = 0;
    s.subscribe(() => calls++);
    const before = s.all();
    s.begin(repay);
    s.update(repay.key, { stage: "pending", hash: "0x01" });
    expect(calls).toBe(2);
    expect(s.all()).not.toBe(before);
    expect(s.all().get(repay.key)).toMatchObject({ stage: "pending", hash: "0x01", current: 0 });
    s.update(repay.key, { current: 1, stage: "signing" });
    expect(s.get(repay.key)?.hash).toBeUndefined(); // a new step has no transaction yet
  });

  it("survives a reload: the next page load finds the flow, as an orphan to resolve, still locking the vault", () => {
    const storage = new MemoryStorage();
    const before = new PendingFlowStore("page-1", storage);
    before.begin(repay);
    before.update(repay.key, { stage: "pending", hash: "0x01" });
    const after = new PendingFlowStore("page-2", storage);
    expect(after.orphans().map((f) => f.key)).toEqual([repay.key]);
    expect(after.begin(repay).ok).toBe(false);
    // the old page's promise is gone: updates from another page load are ignored
    after.update(repay.key, { stage: "signing" });
    expect(after.get(repay.key)?.stage).toBe("pending");
    after.interrupt(repay.key, "approved, repay not sent");
    expect(after.orphans()).toEqual([]);
    expect(after.begin(repay).ok).toBe(true); // an interrupted flow frees the form
  });

  it("says what became of an orphan flow", () => {
    const f = { ...repay, page: "p", current: 0, stage: "pending" as const, startedAt: 0 };
    expect(orphanOutcome(f, "success")).toEqual({
      done: false,
      note: "“Approve 100 USDC” is confirmed, but “Repay 100 USDC” was not sent (the page was reloaded). Submit again to finish.",
    });
    expect(orphanOutcome({ ...f, current: 1 }, "success").done).toBe(true);
    expect(orphanOutcome(f, "reverted").note).toMatch(/reverted/);
    expect(orphanOutcome(f, null).note).toMatch(/check your wallet's activity/);
  });
});
