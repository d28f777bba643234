import { describe, expect, it } from "vitest";
import type { HonouredRecord } from "./read";
import { reputationView } from "./view";
import { WAD } from "../engine/math";

// 10 WETH at $3,000, LTV 80 %, LT 85 %: base limit $24,000, liquidation value $25,500.
const weth = { amount: 10n * WAD, price: 3_000n * WAD, decimals: 18, ltv: (8n * WAD) / 10n, liquidationThreshold: (85n * WAD) / 100n };
const vault = { borrowLimitValue: 24_000n * WAD, collaterals: [weth] };
const rep = {
  eas: "0x00000000000000000000000000000000000000e5",
  schemaRegistry: "0x00000000000000000000000000000000000000e6",
  source: "0x00000000000000000000000000000000000000e7",
  attester: "0x00000000000000000000000000000000000000e8",
  recordSchema: `0x${"aa".repeat(32)}`,
  disputeSchema: `0x${"bb".repeat(32)}`,
} as const;
const honoured: HonouredRecord = {
  uid: `0x${"11".repeat(32)}`,
  bonus: 5n * 10n ** 16n,
  expiry: 2_000,
  bonusNow: 5n * 10n ** 16n,
  score: 10_000,
  record: { firstSeen: 1, repayments: 10, liquidations: 0, closedWithoutLoss: 3, closedWithLoss: 0, asOfBlock: 5n },
  attestedAt: 1 + 200 * 86_400,
  attester: rep.attester,
};

describe("reputationView", () => {
  it("no source, no record, expired, active", () => {
    expect(reputationView({ source: null, honoured: null, maxBonus: 0n, bonusNow: 0n, known: false }, vault, rep)).toEqual({ state: "noSource" });
    const none = reputationView({ source: rep.source, honoured: null, maxBonus: 5n * 10n ** 16n, bonusNow: 0n, known: true }, vault, rep);
    expect(none).toMatchObject({ state: "noRecord", record: null, boostedLimit: vault.borrowLimitValue, dispute: { schema: rep.disputeSchema } });
    const expired = reputationView({ source: rep.source, honoured, maxBonus: 5n * 10n ** 16n, bonusNow: 0n, known: true }, vault, rep);
    expect(expired).toMatchObject({ state: "expired", boostedLimit: vault.borrowLimitValue });
    const active = reputationView({ source: rep.source, honoured, maxBonus: 5n * 10n ** 16n, bonusNow: honoured.bonusNow, known: true }, vault, rep);
    // 5 points of $30,000 = $1,500, capped halfway to the liquidation value: ($25,500 − $24,000) / 2 = $750.
    expect(active).toMatchObject({ state: "active", boostedLimit: 24_750n * WAD, record: { score: 10_000, uid: honoured.uid } });
    if (active.state !== "noSource") expect(active.record!.parts.reduce((s, p) => s + p.points, 0)).toBe(10_000);
    // Audit R-2: a collateral at LTV 0 beside it adds neither to the bonus nor to its cap.
    const frozen = { ...weth, amount: 1_000n * WAD, price: 100n * WAD, ltv: 0n };
    const mixed = reputationView(
      { source: rep.source, honoured, maxBonus: 5n * 10n ** 16n, bonusNow: honoured.bonusNow, known: true },
      { ...vault, collaterals: [weth, frozen] },
      rep,
    );
    expect(mixed).toMatchObject({ boostedLimit: 24_750n * WAD });
  });
  it("a source the deployment does not know: no dispute target", () => {
    const v = reputationView({ source: rep.source, honoured: null, maxBonus: 1n, bonusNow: 0n, known: false }, vault, rep);
    expect(v).toMatchObject({ dispute: null });
  });
});
