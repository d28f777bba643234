"use client";
import { useTranslations } from "next-intl";

/**
 * A position line with no liquidation price although every price and the debt are known: the line's move alone never
 * liquidates the position (WETH owed against WETH held; a collateral the others more than cover). Said as "none", with
 * why in its title and for screen readers — not the "—" of a figure that is not known.
 */
export function NoLiquidationPrice({ side, asset }: { side: "collateral" | "debt"; asset: string }) {
  const t = useTranslations("vaultCard");
  const why = t("noLiqPriceWhy", { side, asset });
  return (
    <span title={why}>
      {t("noLiqPrice")}
      <span className="sr-only"> — {why}</span>
    </span>
  );
}
