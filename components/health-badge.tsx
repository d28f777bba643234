"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { BAND_STYLE, type VaultBand } from "@/lib/view/vault-summary";

/**
 * A health factor with its band's colour and word (safe / watch / at risk / liquidatable); `partial`: the figure counts
 * an unpriced collateral as zero (lib/view/vault-summary.ts healthShown), said in the badge's title and to screen readers.
 */
export function HealthBadge({
  band,
  healthFactor,
  partial = false,
  size = "sm",
}: {
  band: VaultBand;
  healthFactor: bigint;
  partial?: boolean;
  size?: "sm" | "lg";
}) {
  const t = useTranslations("band");
  const f = useFormat();
  const s = BAND_STYLE[band];
  // Marked only beside a figure: an "unpriced" band shows none.
  const marked = partial && band !== "unpriced";
  return (
    <span
      data-testid="health"
      data-band={band}
      data-partial={partial || undefined}
      title={marked ? t("partial") : undefined}
      className={`inline-flex items-center gap-2 whitespace-nowrap rounded-full ring-1 ${s.ring} ${size === "lg" ? "px-3 py-1 text-base" : "px-2 py-0.5 text-xs"}`}
    >
      <span className={`h-2 w-2 rounded-full ${s.dot}`} aria-hidden />
      {band !== "unpriced" && (
        <span className={`font-mono tabular-nums font-semibold ${s.text}`} data-testid="health-value">
          {f.healthFactor(healthFactor)}
        </span>
      )}
      <span className={s.text}>
        {t(band)}
        {marked && (
          <span aria-hidden className="text-slate-400">
            {" *"}
          </span>
        )}
      </span>
      {marked && <span className="sr-only">{t("partial")}</span>}
    </span>
  );
}
