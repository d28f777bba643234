import { formatHealthFactor } from "@/lib/format";
import { BAND_STYLE, type VaultBand } from "@/lib/vault-summary";

/** A health factor with its band's colour and word (safe / watch / at risk / liquidatable). */
export function HealthBadge({ band, healthFactor, size = "sm" }: { band: VaultBand; healthFactor: bigint; size?: "sm" | "lg" }) {
  const s = BAND_STYLE[band];
  return (
    <span
      data-testid="health"
      data-band={band}
      className={`inline-flex items-center gap-2 rounded-full ring-1 ${s.ring} ${size === "lg" ? "px-3 py-1 text-base" : "px-2 py-0.5 text-xs"}`}
    >
      <span className={`h-2 w-2 rounded-full ${s.dot}`} aria-hidden />
      {band !== "unpriced" && (
        <span className={`font-mono tabular-nums font-semibold ${s.text}`} data-testid="health-value">
          {formatHealthFactor(healthFactor)}
        </span>
      )}
      <span className={s.text}>{s.label}</span>
    </span>
  );
}
