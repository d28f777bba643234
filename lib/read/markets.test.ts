import { describe, expect, it } from "vitest";
import { changeWindow, describeChange, lenderWithdrawCall, needsApproval, withdrawLimit, type PendingChange } from "./markets";
import { formatterFor } from "../view/format";
import { SECONDS_PER_YEAR } from "../engine/rates";
import { WAD } from "../engine/math";

const WETH = "0x00000000000000000000000000000000000000e7" as const;
const NEW = "0x00000000000000000000000000000000000000aa" as const;
const USDC = "0x00000000000000000000000000000000000000c0" as const;
const FEED = "0x00000000000000000000000000000000000000fe" as const;
const NEXT_FEED = "0x00000000000000000000000000000000000000ff" as const;
const pct = (p: bigint) => (p * WAD) / 100n;
const apr = (p: bigint) => pct(p) / SECONDS_PER_YEAR;

const market = {
  collaterals: [
    {
      info: {
        asset: WETH,
        decimals: 18,
        ltv: pct(80n),
        liquidationThreshold: pct(85n),
        maxDiscount: pct(10n),
        supplyCap: 100_000n * WAD,
      },
      feed: {
        asset: WETH,
        feed: FEED,
        feedDecimals: 8,
        minAnswer: 100n * 10n ** 8n,
        maxAnswer: 100_000n * 10n ** 8n,
        price: 3000n * WAD,
        updatedAt: 0n,
        heartbeat: 3600,
        status: 0,
      },
    },
  ],
  baseFeed: { asset: USDC, feed: FEED, feedDecimals: 8, minAnswer: 5n * 10n ** 7n, maxAnswer: 2n * 10n ** 8n, heartbeat: 86_400, status: 0 },
  guardian: "0x0000000000000000000000000000000000000000",
  riskDelay: 86_400n,
  rateModel: { baseRate: 0n, slope1: apr(4n), slope2: apr(75n), kink: pct(80n) },
  reserveFactor: pct(10n),
  flashFeeBps: 0n,
} as unknown as Parameters<typeof describeChange>[1];

const change = (kind: number, asset: `0x${string}`, values: [bigint, bigint, bigint, bigint]): PendingChange =>
  ({ id: 1n, kind, market: NEW, asset, executableAt: 1_000n, expiresAt: 1_000n + 14n * 86_400n, values }) as PendingChange;
const symbolOf = (a: string) => (a === WETH ? "WETH" : undefined);

describe("describeChange", () => {
  it("shows a collateral change as current → proposed", () => {
    const d = describeChange(change(0, WETH, [pct(75n), pct(82n), pct(12n), 50_000n * WAD]), market, symbolOf);
    expect(d.title).toBe("WETH collateral parameters");
    expect(d).toMatchObject({ titleKey: "collateral", symbol: "WETH" });
    expect(d.items.map((i) => i.key)).toEqual(["ltv", "liquidationThreshold", "maxDiscount", "supplyCap"]);
    expect(d.items.map(({ label, from, to }) => ({ label, from, to }))).toEqual([
      { label: "LTV", from: "80.00%", to: "75.00%" },
      { label: "Liquidation threshold", from: "85.00%", to: "82.00%" },
      { label: "Max discount", from: "10.00%", to: "12.00%" },
      { label: "Supply cap", from: "100,000 WETH", to: "50,000 WETH" },
    ]);
  });

  it("shows a new listing without a current value", () => {
    const d = describeChange(change(0, NEW, [pct(50n), pct(60n), pct(10n), 5n]), market, symbolOf);
    expect(d.title).toMatch(/^List 0x0000…00aa as collateral$/);
    expect(d.items.every((i) => i.from === null)).toBe(true);
  });

  it("shows a rate model change as APRs and the kink", () => {
    const d = describeChange(change(1, "0x0000000000000000000000000000000000000000", [0n, apr(5n), apr(60n), pct(85n)]), market, symbolOf);
    expect(d.title).toBe("Rate model");
    expect(d.items.map((i) => `${i.label}: ${i.from} → ${i.to}`)).toEqual([
      "Base rate (APR): 0.00% → 0.00%",
      "Slope to kink (APR): 4.00% → 5.00%",
      "Slope after kink (APR): 75.00% → 60.00%",
      "Kink: 80.00% → 85.00%",
    ]);
  });

  it("shows a fee change", () => {
    const d = describeChange(change(2, "0x0000000000000000000000000000000000000000", [pct(20n), 5n, 0n, 0n]), market, symbolOf);
    expect(d.items.map(({ label, from, to }) => ({ label, from, to }))).toEqual([
      { label: "Reserve factor", from: "10.00%", to: "20.00%" },
      { label: "Flash-loan fee", from: "0 bps", to: "5 bps" },
    ]);
  });
});

describe("describeChange: feeds, guardian, delay", () => {
  it("shows a feed replacement as current → proposed, bounds in the feed's units", () => {
    const d = describeChange(change(3, WETH, [BigInt(NEXT_FEED), 7200n, 200n * 10n ** 8n, 50_000n * 10n ** 8n]), market, symbolOf);
    expect(d.title).toBe("WETH price feed");
    expect(d.items.map(({ label, from, to }) => ({ label, from, to }))).toEqual([
      { label: "Feed", from: "0x0000…00fe", to: "0x0000…00ff" },
      { label: "Heartbeat", from: "1h 0m", to: "2h 0m" },
      { label: "Min answer", from: "100", to: "200" },
      { label: "Max answer", from: "100,000", to: "50,000" },
    ]);
  });

  it("finds the base asset's feed too, and shows a new asset's feed without a current value", () => {
    expect(describeChange(change(3, USDC, [BigInt(NEXT_FEED), 3600n, 1n, 2n]), market, symbolOf).items[0]!.from).toBe("0x0000…00fe");
    const d = describeChange(change(3, NEW, [BigInt(NEXT_FEED), 3600n, 1n, 2n]), market, symbolOf);
    expect(d.title).toMatch(/price feed \(new\)$/);
    expect(d.items.every((i) => i.from === null)).toBe(true);
  });

  it("shows a guardian and a delay change", () => {
    expect(describeChange(change(4, NEW, [0n, 0n, 0n, 0n]), market, symbolOf).items).toEqual([
      { label: "Guardian", key: "guardian", from: "none", to: "0x0000…00aa" },
    ]);
    expect(describeChange(change(5, "0x0000000000000000000000000000000000000000", [172_800n, 0n, 0n, 0n]), market, symbolOf).items).toEqual([
      { label: "Delay", key: "delay", from: "1d 0h", to: "2d 0h" },
    ]);
  });

  it("formats values in the reader's language with its words", () => {
    const words = { none: "ninguno", raw: (v: string) => `${v} (bruto)`, units: (v: string) => `${v} unidades`, bps: (v: string) => `${v} pb` };
    const es = formatterFor("es");
    expect(describeChange(change(4, NEW, [0n, 0n, 0n, 0n]), market, symbolOf, es, words).items[0]!.from).toBe("ninguno");
    const d = describeChange(change(0, WETH, [pct(75n), pct(82n), pct(12n), 50_000n * WAD]), market, symbolOf, es, words);
    expect(d.items[0]).toMatchObject({ from: es.percent(pct(80n)), to: es.percent(pct(75n)) });
    expect(describeChange(change(2, NEW, [pct(20n), 5n, 0n, 0n]), market, symbolOf, es, words).items[1]!.to).toBe("5 pb");
  });
});

describe("changeWindow", () => {
  it("counts down to the effective time, says it is executable until it expires, then expired", () => {
    expect(changeWindow(86_400n + 100n, 15n * 86_400n + 100n, 100)).toEqual({
      state: "waiting",
      text: "in 1d 0h",
      at: "1970-01-02 00:01 UTC",
      expires: "1970-01-16 00:01 UTC",
      left: 86_400,
    });
    expect(changeWindow(100n, 200n, 100).state).toBe("executable");
    expect(changeWindow(100n, 200n, 200).text).toBe("executable now");
    expect(changeWindow(100n, 200n, 201)).toMatchObject({ state: "expired", text: "expired" });
  });
});

describe("withdrawLimit / needsApproval", () => {
  it("says when free liquidity, not the position, limits a withdrawal", () => {
    expect(withdrawLimit(100n, 100n)).toEqual({ max: 100n, limitedByLiquidity: false });
    expect(withdrawLimit(100n, 40n)).toEqual({ max: 40n, limitedByLiquidity: true });
    expect(withdrawLimit(0n, 0n).limitedByLiquidity).toBe(false);
  });
  it("asks for an approval only when the allowance is short", () => {
    expect(needsApproval(0n, 1n)).toBe(true);
    expect(needsApproval(5n, 5n)).toBe(false);
  });
});

describe("lenderWithdrawCall", () => {
  it("redeems every share when the whole position is withdrawn (no dust)", () => {
    expect(lenderWithdrawCall(1_000n, { shares: 990n, supplied: 1_000n, maxWithdraw: 1_000n })).toEqual({ functionName: "redeem", shares: 990n });
  });
  it("withdraws the amount for part of it, or when liquidity limits it", () => {
    expect(lenderWithdrawCall(400n, { shares: 990n, supplied: 1_000n, maxWithdraw: 1_000n })).toEqual({ functionName: "withdraw", assets: 400n });
    expect(lenderWithdrawCall(100n, { shares: 990n, supplied: 1_000n, maxWithdraw: 100n })).toEqual({ functionName: "withdraw", assets: 100n });
  });

  it("redeems every share when Max was pressed, though the amount read is a unit under the position's value", () => {
    // Max filled "withdrawable now"; the position's value, read beside it, had accrued one unit more.
    expect(lenderWithdrawCall(999n, { shares: 990n, supplied: 1_000n, maxWithdraw: 999n })).toEqual({ functionName: "withdraw", assets: 999n });
    expect(lenderWithdrawCall(999n, { shares: 990n, supplied: 1_000n, maxWithdraw: 1_000n }, true)).toEqual({ functionName: "redeem", shares: 990n });
    // The market's cash limits it: Max withdraws what there is, leaving the rest supplied.
    expect(lenderWithdrawCall(100n, { shares: 990n, supplied: 1_000n, maxWithdraw: 100n }, true)).toEqual({ functionName: "withdraw", assets: 100n });
  });
});
