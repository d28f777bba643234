"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { ProtocolMultiply } from "@/hooks/use-protocol-multiply";
import { valueDown, INFINITE_HEALTH } from "@/lib/engine/health";
import { leverageOf } from "@/lib/engine/leverage";
import { healthBand, liquidationPrice } from "@/lib/engine/risk";
import { oracleBoundBps, positionAfterPlan } from "@/lib/protocols/leverage";
import { positionView } from "@/lib/protocols/view";
import { BAND_STYLE } from "@/lib/view/vault-summary";
import { MultiplyPreview, SwapDetails } from "./multiply-preview";
import { sameAddress } from "@/lib/config/address";

/**
 * An Aave or Morpho position before → after the plan, and the swap's details. Before comes from the same
 * lib/engine/risk.ts functions as after (one function per number), but the liquidation price, which is the card's
 * (lib/protocols/view.ts) before and after; Aave values are USD, Morpho's the loan token.
 */
export function ProtocolMultiplyPreview({ m }: { m: ProtocolMultiply }) {
  const t = useTranslations("multiply");
  const tCard = useTranslations("vaultCard"); // "none": no liquidation price, as the position card says
  const f = useFormat();
  const { plan, vault, pair, position, symbol, decimals, baseSymbol, baseDecimals } = m;
  // A plan that would repay into other debts cannot be sent (the router repays the pair's own debt only): its
  // "after" (debt 0, health —) would describe an impossible position, so only the refusal is shown.
  if (!plan || !vault || !pair || m.repaysOthers) return null;
  const value = (wad: bigint) => (position?.protocol === "aave-v3" ? f.usd(wad) : f.token(wad, 18, baseSymbol));
  const health = (hf: bigint) => f.healthFactor(hf);
  // The collateral's liquidation price now and after, as the position's card gives it (positionView: the protocol's own
  // math, other debts at their own prices, in USD); in the loan token by lib/engine/risk.ts only where Morpho's loan
  // token has no USD price.
  const usd = m.data?.usdPerToken;
  const line = (q: typeof position) =>
    q && usd ? positionView(q, usd).collaterals.find((c) => sameAddress(c.token.address, pair.collateral)) : undefined;
  const liq = (q: typeof position, engine: bigint) => {
    const l = line(q);
    if (l && l.priceUsd !== null) return l.liquidationPriceUsd === null ? tCard("noLiqPrice") : f.usd(l.liquidationPriceUsd);
    return engine > 0n && m.folded === 0n ? value(engine) : "—";
  };
  const nowLiq = liq(position, liquidationPrice(vault, pair.collateral));
  const afterLiq = liq(position ? positionAfterPlan(position, pair, plan) : undefined, plan.liquidationPrice);
  const nowHealth = position?.healthFactor ?? INFINITE_HEALTH;
  const afterCollateral = plan.after.collaterals.find((c) => sameAddress(c.asset, pair.collateral))?.amount ?? 0n;
  const price = vault.collaterals.find((c) => sameAddress(c.asset, pair.collateral))?.price ?? 0n;
  return (
    <>
      <MultiplyPreview
        rows={[
          {
            label: t("leverage"),
            testId: "mp-leverage",
            // Nothing held and nothing owed has no leverage yet: "—", as a Keel vault not yet opened shows.
            before: vault.debt === 0n && vault.collaterals.every((c) => c.amount === 0n) ? "—" : f.leverage(leverageOf(vault)),
            after: f.leverage(plan.leverage),
          },
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
            before: nowLiq,
            after: afterLiq,
          },
        ]}
      />
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
