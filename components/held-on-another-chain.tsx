"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { remoteSource } from "@/lib/crosschain/deployment";
import type { ChainConfig } from "@/lib/config/chains";

/**
 * A marker beside a collateral held on another chain (a cross-chain claim, docs/cross-chain.md): "on Keel Local 2",
 * with the asset locked there in its title and for screen readers. Renders nothing for a collateral of this chain.
 */
export function HeldOnAnotherChain({ chain, asset }: { chain: ChainConfig; asset: string }) {
  const t = useTranslations("heldElsewhere");
  const chains = useKeelChains();
  const src = remoteSource(chain, asset);
  if (!src) return null;
  const name = chains.find((c) => c.id === src.chainId)?.name ?? t("chainId", { id: src.chainId });
  const full = t("title", { asset: src.asset, chain: name, claim: src.symbol });
  return (
    <span
      data-testid="held-elsewhere"
      data-chain={src.chainId}
      title={full}
      className="mt-1 flex w-fit items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-normal text-violet-200 ring-1 ring-violet-800 sm:ml-2 sm:mt-0 sm:inline-flex sm:align-middle"
    >
      {/* Two chain links: the text font may have no glyph for one. */}
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
        <path d="M6.5 9.5l3-3" />
        <path d="M7 4.5l1-1a2.5 2.5 0 013.5 3.5l-1 1" />
        <path d="M9 11.5l-1 1a2.5 2.5 0 01-3.5-3.5l1-1" />
      </svg>
      <span aria-hidden="true">{t("label", { chain: name })}</span>
      <span className="sr-only">{full}</span>
    </span>
  );
}

/**
 * /risk: the book's collaterals held on another chain, each with its value in the book and the vaults holding it
 * (`value` is the book's USD per vault × collateral, row-major). Nothing when the market lists no claim.
 */
export function RemoteCollateralNote({ chain, assets, value }: { chain: ChainConfig; assets: readonly string[]; value: Float64Array }) {
  const t = useTranslations("heldElsewhere");
  const f = useFormat();
  const chains = useKeelChains();
  const k = assets.length;
  const rows = assets.flatMap((a, j) => {
    const src = remoteSource(chain, a);
    if (!src) return [];
    let usd = 0;
    let vaults = 0;
    for (let i = 0; i * k + j < value.length; i++) {
      const v = value[i * k + j]!;
      if (v > 0) {
        usd += v;
        vaults++;
      }
    }
    return [{ ...src, name: chains.find((c) => c.id === src.chainId)?.name ?? t("chainId", { id: src.chainId }), usd, vaults }];
  });
  if (!rows.length) return null;
  return (
    <div className="rounded-lg border border-violet-900 bg-violet-950/30 px-4 py-2 text-sm text-violet-100" data-testid="remote-collateral">
      <span className="font-medium">{t("riskTitle")}</span>{" "}
      {rows.map((r, i) => (
        <span key={r.symbol} data-testid={`remote-${r.symbol}`}>
          {i > 0 && "; "}
          {t("riskRow", {
            claim: r.symbol,
            asset: r.asset,
            chain: r.name,
            value: f.usdFloat(r.usd),
            vaults: r.vaults,
            vaultsText: f.number(r.vaults, 0),
          })}
        </span>
      ))}
      . <span className="text-violet-200">{t("riskWhy")}</span>
    </div>
  );
}
