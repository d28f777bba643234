"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { feedStatus } from "@/lib/read/oracle";
import { NONE } from "@/lib/view/format";

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

/** A line as both position tables have it (the dashboard's cards, the vault page), USD per whole token (WAD). */
export interface LineFigures {
  side: "collateral" | "debt";
  /** The asset's symbol. */
  asset: string;
  /** null when the price is not usable. */
  priceUsd: bigint | null;
  /** KeelOracle.Status of its feed (0 = fresh, and for a protocol without one). */
  status: number;
  liquidationPriceUsd: bigint | null;
  distance: bigint | null;
}

/** The feed's state says why a price is missing (stale, no feed, out of bounds…); a fresh feed with no price says nothing. */
const feedDown = (l: Pick<LineFigures, "priceUsd" | "status">) => l.priceUsd === null && l.status !== 0;

/** The feed's state where a figure needs its price ("Stale", "No feed"…), in the amber every price problem is shown in. */
function FeedState({ status }: { status: number }) {
  const tf = useTranslations("feed");
  return <span className="text-amber-300">{tf(`${feedStatus(status).key}.label`)}</span>;
}

/** A line's price, or its feed's state when the feed is down. */
export function PriceFigure({ line }: { line: LineFigures }) {
  const f = useFormat();
  return feedDown(line) ? <FeedState status={line.status} /> : f.usdOrNone(line.priceUsd);
}

/**
 * A line's liquidation price. "none" when every price is known (`measured`) and the line has none. A collateral whose
 * feed is down (stale, missing, out of bounds) counts as zero meanwhile, as the market counts it, and its liquidation
 * price is the price at which the position is liquidatable once its price is usable again: marked (an amber "*", as a
 * partial health is) and said in its title and for screen readers (a phone shows no title: the mark and the distance's
 * feed state say it there). A debt line keeps its plain figure.
 */
export function LiquidationPriceFigure({ line, measured }: { line: LineFigures; measured: boolean }) {
  const t = useTranslations("vaultCard");
  const f = useFormat();
  if (line.liquidationPriceUsd === null) return measured ? <NoLiquidationPrice side={line.side} asset={line.asset} /> : NONE;
  if (line.side !== "collateral" || !feedDown(line)) return f.usd(line.liquidationPriceUsd);
  const why = t("liqPriceOnceFresh", { asset: line.asset });
  return (
    <span title={why} data-once-fresh="true">
      {f.usd(line.liquidationPriceUsd)}
      <span aria-hidden="true" className="text-amber-300">
        *
      </span>
      <span className="sr-only"> — {why}</span>
    </span>
  );
}

/** A line's distance to liquidation; without one, its feed's state when the feed is down (a phone's table hides the price column that names it too). */
export function DistanceFigure({ line }: { line: LineFigures }) {
  const f = useFormat();
  if (line.distance !== null) return f.percent(line.distance, 1);
  return feedDown(line) ? <FeedState status={line.status} /> : NONE;
}
