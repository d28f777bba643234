import { describe, expect, it } from "vitest";
import { historyRows, lendingAccountsPath, lendingPositionPath, parseLendingAccounts, parseLendingTimeline } from "./indexer-lending";

const A = "0x00000000000000000000000000000000000000aa";
const event = (kind: string, block: string, logIndex: number, amount: string) => ({
  id: `1:${block}:${logIndex}`,
  protocol: "morpho-blue",
  market: `0x${"11".repeat(32)}`,
  account: A,
  kind,
  token: "0x00000000000000000000000000000000000000bb",
  amount,
  shares: null,
  seizedToken: null,
  seized: kind === "Liquidate" ? "5" : null,
  badDebt: null,
  actor: A,
  healthAfter: null,
  collateralAfter: "10",
  debtAfter: "3",
  block,
  timestamp: "1700000000",
  txHash: `0x${"22".repeat(32)}`,
  logIndex,
});

describe("the indexer's Aave and Morpho answers", () => {
  it("parses a timeline's integers as bigints and lists it newest first as the history's rows, liquidations marked", () => {
    const t = parseLendingTimeline({
      position: null,
      events: [event("SupplyCollateral", "10", 1, "1000000000000000000000"), event("Borrow", "12", 0, "7"), event("Liquidate", "12", 3, "2")],
    });
    expect(t.events[0]!.amount).toBe(10n ** 21n);
    expect(t.events[2]!.seized).toBe(5n);
    expect(t.events[0]!.healthAfter).toBeNull();
    expect(historyRows(t).map((r) => [r.blockNumber, r.logIndex, r.action, r.liquidation])).toEqual([
      [12n, 3, "repay", true],
      [12n, 0, "borrow", false],
      [10n, 1, "supply", false],
    ]);
  });

  it("refuses answers it cannot use, with a reason", () => {
    expect(() => parseLendingTimeline({ position: null })).toThrow(/no events list/);
    expect(() => parseLendingTimeline({ position: null, events: [event("Borrow", "1.5", 0, "7")] })).toThrow(/not an integer/);
    expect(() => parseLendingAccounts({ accounts: [A] })).toThrow(/no block/);
    expect(() => parseLendingAccounts({ accounts: ["0x12"], block: "5" })).toThrow(/as an account/);
    expect(parseLendingAccounts({ accounts: [A], block: "5" })).toEqual({ accounts: [A], throughBlock: 5n });
  });

  it("builds the paths the app's proxy allows, lower-cased", () => {
    expect(lendingPositionPath(31337, "aave-v3", "0xAB" + "0".repeat(38), "0xCD" + "0".repeat(38))).toBe(
      `/lending/31337/aave-v3/0xab${"0".repeat(38)}/positions/0xcd${"0".repeat(38)}`,
    );
    expect(lendingAccountsPath(1, "morpho-blue", `0x${"AA".repeat(32)}`)).toBe(`/lending/1/morpho-blue/0x${"aa".repeat(32)}/accounts`);
  });
});
