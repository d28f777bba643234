import type { Address } from "viem";
import { knownSymbol } from "@/lib/config/deployment";
import type { ChainConfig } from "@/lib/config/chains";

/** A labelled select of assets, each shown by its symbol on the chain (lib/deployment's `knownSymbol`; its address when unknown). */
export function AssetSelect({
  label,
  ariaLabel,
  value,
  assets,
  chain,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  value: Address;
  assets: readonly Address[];
  chain: Pick<ChainConfig, "deployment" | "crossChain">;
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
            {knownSymbol(chain, a) ?? a}
          </option>
        ))}
      </select>
    </label>
  );
}
