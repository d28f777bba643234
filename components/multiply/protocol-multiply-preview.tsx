"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { ProtocolMultiply } from "@/hooks/use-protocol-multiply";
import { valueDown, INFINITE_HEALTH } from "@/lib/engine/health";
import { leverageOf } from "@/lib/engine/leverage";
import { WAD } from "@/lib/engine/math";
import { healthBand, liquidationPrice } from "@/lib/engine/risk";
import { oracleBoundBps } from "@/lib/protocols/leverage";
import { BAND_STYLE } from "@/lib/view/vault-summary";
import { MultiplyPreview, SwapDetails } from "./multiply-preview";
import { sameAddress } from "@/lib/config/address";

/**
 * An Aave or Morpho position before → after the plan, and the swap's details. Before comes from the same
 * lib/engine/risk.ts functions as after (one function per number); Aave values are USD, Morpho's the loan token,
 * shown in USD as its card shows them.
 */
export function ProtocolMultiplyPreview({ m }: { m: ProtocolMultiply }) {
  const t = useTranslations("multiply");
  const f = useFormat();
  const { plan, vault, pair, position, symbol, decimals, baseSymbol, baseDecimals } = m;
  if (!plan || !vault || !pair) return null;
  // A value (WAD) in USD, as the position's card shows it (Morpho's loan token at its USD price on Keel's oracle); in
  // the loan token only when it has no USD price.
  const unitUsd = m.data?.unitUsd ?? null;
  const value = (wad: bigint) =>
    position?.protocol === "aave-v3" ? f.usd(wad) : unitUsd !== null ? f.usd((wad * unitUsd) / WAD) : f.token(wad, 18, baseSymbol);
  const health = (hf: bigint) => f.healthFactor(hf);
  // With other debts folded in, a liquidation price of the collateral alone would hold their value fixed: not shown.
  const nowLiq = m.folded > 0n ? 0n : liquidationPrice(vault, pair.collateral);
  const afterLiq = m.folded > 0n ? 0n : plan.liquidationPrice;
  const nowHealth = position?.healthFactor ?? INFINITE_HEALTH;
  const afterCollateral = plan.after.collaterals.find((c) => sameAddress(c.asset, pair.collateral))?.amount ?? 0n;
  const price = vault.collaterals.find((c) => sameAddress(c.asset, pair.collateral))?.price ?? 0n;
  return (
    <>
      <MultiplyPreview
        rows={[
          { label: t("leverage"), testId: "mp-leverage", before: f.leverage(leverageOf(vault)), after: f.leverage(plan.leverage) },
          {
            label: t("collateralOf", { symbol }),
            testId: "mp-collateral",
            before: f.token(m.held, decimals, symbol),
            after: f.token(afterCollateral, decimals, symbol),
          },
          {
            label: t("debt"),
            testId: "mp-debt",
            before: f.token(vault.debt - m.folded, baseDecimals, baseSymbol),
            after: f.token(plan.after.debt > m.folded ? plan.after.debt - m.folded : 0n, baseDecimals, baseSymbol),
          },
          {
            label: t("health"),
            testId: "mp-health",
            before: m.hasDebt ? health(nowHealth) : "—",
            after: plan.after.debt === 0n ? "—" : health(plan.risk.healthFactor),
            afterClass: plan.after.debt === 0n ? "" : BAND_STYLE[healthBand(plan.risk.healthFactor)].text,
          },
          {
            label: t("liqPrice", { symbol }),
            testId: "mp-liq",
            before: nowLiq > 0n ? value(nowLiq) : "—",
            after: afterLiq > 0n ? value(afterLiq) : "—",
          },
        ]}
      />
      {m.folded > 0n && (
        <p className="text-xs text-slate-400" data-testid="mp-liq-note">
          {t("liqWithOtherDebts", { debts: m.otherDebts.join(", ") })}
        </p>
      )}
      {!m.noChange && (
        <SwapDetails
          plan={plan}
          col={(v) => f.token(v, decimals, symbol)}
          base={(v) => f.token(v, baseDecimals, baseSymbol)}
          backValue={plan.kind === "close" && price > 0n ? ` (${value(valueDown(plan.collateralBack, price, decimals))})` : ""}
          otherCollateral={false}
          extra={[[t("oracleBound"), t("oracleBoundLine", { pct: f.bps(oracleBoundBps(plan, m.form.slippageBps)), protocol: m.protocolName })]]}
        />
      )}
    </>
  );
}
