"use client";
import { lensHealth } from "@/lib/view/vault-summary";
import { useTranslations } from "next-intl";
import type { Address } from "viem";
import { useFormat } from "@/hooks/use-format";
import { priceAtHealth, type GuardKind, type ProtectionPlan } from "@/lib/engine/protection";
import { WAD, wMulDown } from "@/lib/engine/math";
import { liquidationPrice } from "@/lib/engine/risk";
import { isPriced } from "@/lib/read/oracle";
import type { GuardContext } from "./protection-panel";
import { sameAddress } from "@/lib/config/address";

/** How close above the liquidation price a stop-loss is warned of (WAD share): 2 %, about two oracle deviation steps. */
const NEAR_LIQUIDATION = 2n * 10n ** 16n;

/**
 * What a KeelGuard rule would do at today's prices: whether it would run now or the collateral price at which it runs,
 * and the plan (what it sells, repays, pays the executor, and the health after) that lib/engine/protection.ts mirrors.
 */
export function GuardRulePreview({
  kind,
  collateral,
  trigger,
  plan,
  ctx,
}: {
  kind: GuardKind;
  collateral: Address;
  trigger: bigint;
  plan: ProtectionPlan | null;
  ctx: GuardContext;
}) {
  const t = useTranslations("protection.preview");
  const f = useFormat();
  const { vault, market, position, baseSymbol } = ctx;
  const symbol = ctx.symbolOf(collateral);
  const col = vault.collaterals.find((c) => sameAddress(c.asset, collateral));
  if (!col || !isPriced(col)) return <p className="text-xs text-amber-300">{t("noPrice", { symbol })}</p>;
  // The health by the one rule (lib/view/vault-summary.ts healthShown): without the base price there is none (the
  // lens's 0 is not a health the guard would act on: its read reverts).
  const health = lensHealth(vault).healthFactor;
  const triggered = kind === "deleverage" ? health !== null && health < trigger : col.price <= trigger;
  const triggerPrice = kind === "deleverage" ? priceAtHealth(position, collateral, trigger) : trigger;
  const debt = (x: bigint) => f.token(x, market.baseDecimals, baseSymbol);
  // A stop-loss saved just above the liquidation price (the form refuses one at or below it) may still come second.
  const liq = kind === "stopLoss" ? liquidationPrice(position, collateral) : 0n;
  const near = liq > 0n && trigger > liq && trigger < liq + wMulDown(liq, NEAR_LIQUIDATION);
  return (
    <div className="rounded-md bg-slate-900/80 px-2 py-1.5 text-xs text-slate-300" data-testid="rule-preview">
      <div>
        {triggered ? (
          <b className="text-amber-300">{t("wouldRun")}</b>
        ) : triggerPrice > 0n ? (
          t("runsWhen", {
            symbol,
            price: f.usd(triggerPrice),
            today: f.usd(col.price),
            distance: f.percent(((col.price - triggerPrice) * WAD) / col.price, 1),
          })
        ) : (
          t("unreachableByFall", { symbol })
        )}
      </div>
      {near && (
        <div className="text-amber-300" data-testid="rule-near-liquidation">
          {t("nearLiquidation", { gap: f.percent(NEAR_LIQUIDATION, 0), price: f.usd(liq) })}
        </div>
      )}
      {plan === null ? (
        <div className="text-rose-300">{t("cannotReach", { symbol })}</div>
      ) : plan.repay === 0n ? (
        <div className="text-slate-400">{t("nothingToSell")}</div>
      ) : (
        <div>
          {t("plan", {
            triggered: triggered ? "yes" : "no",
            kind,
            sell: f.token(plan.sell, col.decimals, symbol),
            repay: debt(plan.repay),
            fee: debt(plan.fee),
            health: f.healthFactor(plan.healthAfter),
          })}
        </div>
      )}
    </div>
  );
}
