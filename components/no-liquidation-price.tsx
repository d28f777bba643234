"use client";
import { useTranslations } from "next-intl";
import { feedStatus } from "@/lib/read/oracle";

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

/**
 * A collateral line whose feed is not usable now (stale, missing, out of bounds): the collateral counts as zero meanwhile,
 * as the market counts it. Its liquidation price is the price at which the position is liquidatable once the price is
 * usable again, so it is marked (an amber "*", as a partial health is) and says so in its title and for screen readers
 * (a phone shows no title: the mark and the distance cell's state say it there); its distance cannot be measured without a price,
 * so that cell names the feed's state (on a phone the price column, which names it too, is hidden).
 */
export function LiquidationPriceOnceFresh({ price, asset }: { price: string; asset: string }) {
  const t = useTranslations("vaultCard");
  const why = t("liqPriceOnceFresh", { asset });
  return (
    <span title={why} data-once-fresh="true">
      {price}
      <span aria-hidden="true" className="text-amber-300">
        *
      </span>
      <span className="sr-only"> — {why}</span>
    </span>
  );
}

/** The feed's state where a figure needs its price ("Stale", "No feed"…), in the amber every price problem is shown in. */
export function FeedState({ status }: { status: number }) {
  const tf = useTranslations("feed");
  return <span className="text-amber-300">{tf(`${feedStatus(status).key}.label`)}</span>;
}
