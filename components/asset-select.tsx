import type { Address } from "viem";
import { findAsset, type Deployment } from "@/lib/deployment";

/** A labelled select of assets, each shown by its symbol in the deployment (its address when unknown). */
export function AssetSelect({
  label,
  ariaLabel,
  value,
  assets,
  deployment,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  value: Address;
  assets: readonly Address[];
  deployment: Deployment | null | undefined;
  onChange(asset: Address): void;
}) {
  return (
    <label className="block space-y-1 text-xs text-slate-400">
      <span>{label}</span>
      <select
        aria-label={ariaLabel}
        value={value}
        onChange={(e) => onChange(e.target.value as Address)}
        className="block min-h-11 w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100 md:min-h-0"
      >
        {assets.map((a) => (
          <option key={a} value={a}>
            {findAsset(deployment, a)?.symbol ?? a}
          </option>
        ))}
      </select>
    </label>
  );
}
