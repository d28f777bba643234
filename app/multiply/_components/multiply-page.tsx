"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { MultiplyPanel } from "@/components/multiply/multiply-panel";
import { ProtocolMultiplyPanel } from "@/components/multiply/protocol-multiply-panel";
import { useKeelChains } from "@/hooks/use-keel-config";
import type { ProtocolTarget } from "@/hooks/use-protocol-leverage";
import { RpcErrorBanner } from "@/components/rpc-error-banner";
import { useMarkets } from "@/hooks/use-markets";
import { vaultHref } from "@/lib/protocols/href";
import { findAsset, findMarket } from "@/lib/config/deployment";
import { shortAddress } from "@/lib/view/format";
import { useFormat } from "@/hooks/use-format";

/** Open a leveraged position: pick a chain and market, then the Multiply panel for a new vault. */
export function MultiplyPage() {
  const [protocol, setProtocol] = useState<"keel" | "aave-v3" | "morpho-blue">("keel");
  const tm = useTranslations("multiply");
  const choice = (
    <label className="block space-y-1 text-xs text-slate-400">
      <span>{tm("protocolChoice")}</span>
      <select
        aria-label={tm("protocolAria")}
        data-testid="multiply-protocol"
        value={protocol}
        onChange={(e) => setProtocol(e.target.value as typeof protocol)}
        className="block min-h-11 w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100"
      >
        <option value="keel">{tm("keel")}</option>
        <option value="aave-v3">{tm("aave")}</option>
        <option value="morpho-blue">{tm("morpho")}</option>
      </select>
    </label>
  );
  return protocol === "keel" ? <KeelMultiply choice={choice} /> : <ProtocolMultiply choice={choice} protocol={protocol} />;
}

/**
 * Multiply on Aave v3 or Morpho Blue: a position to open or adjust (Aave: a collateral / debt pair, offered for each
 * Morpho market's pair; Morpho: a market), then the protocol's Multiply panel.
 */
function ProtocolMultiply({ choice, protocol }: { choice: ReactNode; protocol: "aave-v3" | "morpho-blue" }) {
  const t = useTranslations("multiply");
  const tp = useTranslations("multiplyPage");
  const chains = useKeelChains().filter((c) =>
    protocol === "aave-v3" ? c.deployment?.aaveV3?.leverageRouter : c.deployment?.morphoBlue?.leverageRouter,
  );
  const options = chains.flatMap((chain) =>
    (chain.deployment?.morphoBlue?.markets ?? []).map((m) => {
      const sym = (a: string) => findAsset(chain.deployment, a as `0x${string}`)?.symbol ?? a.slice(0, 8);
      const target: ProtocolTarget =
        protocol === "aave-v3" ? { protocol, pair: { collateral: m.collateralToken, debt: m.loanToken } } : { protocol, marketId: m.id };
      const label =
        protocol === "aave-v3" ? t("aavePair", { collateral: sym(m.collateralToken), debt: sym(m.loanToken) }) : t("morphoMarket", { name: m.name });
      return { key: `${chain.id}:${protocol}:${m.id}`, chain, target, label: `${label} · ${chain.name}` };
    }),
  );
  const [selected, setSelected] = useState<string | null>(null);
  const current = options.find((o) => o.key === selected) ?? options[0];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{tp("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-400">{t("pageIntroProtocol")}</p>
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="min-w-0 space-y-3">
          {choice}
          {options.length === 0 ? (
            <p className="rounded-lg border border-slate-800 bg-slate-900/60 p-4 text-sm text-slate-300">
              {t("noRouterProtocol", { protocol: protocol === "aave-v3" ? t("aave") : t("morpho") })}
            </p>
          ) : (
            <label className="block space-y-1 text-xs text-slate-400">
              <span>{t("pairLabel")}</span>
              <select
                aria-label={t("pairAria")}
                data-testid="multiply-position"
                value={current?.key}
                onChange={(e) => setSelected(e.target.value)}
                className="block min-h-11 w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100"
              >
                {options.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <p className="text-xs text-slate-400">{tp("explain")}</p>
        </div>
        {current && <ProtocolMultiplyPanel key={current.key} chain={current.chain} target={current.target} />}
      </div>
    </div>
  );
}

/** Open a leveraged Keel vault: a chain and market, then the Multiply panel for a new vault. */
function KeelMultiply({ choice }: { choice: ReactNode }) {
  const t = useTranslations("multiplyPage");
  const f = useFormat();
  const router = useRouter();
  const all = useMarkets();
  const chains = all.filter((c) => c.chain.deployment?.contracts.leverageRouter && !c.unavailable);
  const [selected, setSelected] = useState<string | null>(null);
  const options = chains.flatMap((c) =>
    (c.markets ?? []).map((m) => ({
      key: `${c.chain.id}:${m.market}`,
      chain: c.chain,
      market: m,
      name: findMarket(c.chain.deployment, m.market)?.name ?? shortAddress(m.market),
    })),
  );
  const current = options.find((o) => o.key === selected) ?? options[0];

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-400">{t("intro")}</p>
      </div>

      {!current && <div className="max-w-sm">{choice}</div>}
      {chains.length === 0 && (
        <p className="rounded-lg border border-slate-800 bg-slate-900/60 p-6 text-sm text-slate-300">
          {t.rich("noRouter", {
            link: (c) => (
              <Link href="/" className="text-sky-300 hover:underline">
                {c}
              </Link>
            ),
          })}
        </p>
      )}
      {chains.map((c) =>
        c.error ? (
          <RpcErrorBanner
            key={c.chain.id}
            chainName={c.chain.name}
            rpcUrl={c.chain.rpcUrl}
            what="marketData"
            updatedAt={c.updatedAt}
            hasData={Boolean(c.markets)}
            onRetry={c.refetch}
          />
        ) : null,
      )}
      {chains.some((c) => c.isPending) && options.length === 0 && <p className="text-sm text-slate-400">{t("reading")}</p>}

      {current && (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <div className="min-w-0 space-y-3">
            {choice}
            <label className="block space-y-1 text-xs text-slate-400">
              <span>{t("market")}</span>
              <select
                aria-label={t("marketLabel")}
                value={current.key}
                onChange={(e) => setSelected(e.target.value)}
                className="block min-h-11 w-full rounded-lg border border-slate-700 bg-slate-950 px-3 py-2 text-sm text-slate-100"
              >
                {options.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.name} · {o.chain.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="rounded-xl border border-slate-800 bg-slate-900/40 p-4 text-sm">
              <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-2">
                <dt className="text-slate-400">{t("borrowRate")}</dt>
                <dd className="text-right font-mono tabular-nums">{f.apr(current.market.borrowRate)}</dd>
                <dt className="text-slate-400">{t("available")}</dt>
                <dd className="text-right font-mono tabular-nums">
                  {f.token(
                    current.market.cash,
                    current.market.baseDecimals,
                    findAsset(current.chain.deployment, current.market.baseAsset)?.symbol ?? "",
                  )}
                </dd>
                <dt className="text-slate-400">{t("flashFee")}</dt>
                <dd className="text-right font-mono tabular-nums">{f.percent(BigInt(current.market.flashFeeBps) * 10n ** 14n)}</dd>
                {current.market.collaterals.map((c) => (
                  <div key={c.info.asset} className="contents">
                    <dt className="text-slate-400">{t("ltvLt", { asset: findAsset(current.chain.deployment, c.info.asset)?.symbol ?? "" })}</dt>
                    <dd className="text-right font-mono tabular-nums">
                      {f.percent(BigInt(c.info.ltv), 0)} / {f.percent(BigInt(c.info.liquidationThreshold), 0)}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
            <p className="text-xs text-slate-400">{t("explain")}</p>
          </div>
          <MultiplyPanel
            key={current.key}
            chain={current.chain}
            market={current.market}
            onOpened={(id) => router.push(vaultHref(current.chain.id, current.market.market, id))}
          />
        </div>
      )}
    </div>
  );
}
