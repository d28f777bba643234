"use client";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useAccount } from "wagmi";
import { useFormat } from "@/hooks/use-format";
import { useKeelChains } from "@/hooks/use-keel-config";
import { usePrivatePositionView } from "@/hooks/use-private-pool";
import { findAsset } from "@/lib/config/deployment";

/** The dashboard's line for the connected account's private position, read from this browser's note (if any). */
export function PrivatePositionSummary() {
  const t = useTranslations("private");
  const f = useFormat();
  const { address } = useAccount();
  const chain = useKeelChains().find((c) => c.deployment?.privatePool);
  const v = usePrivatePositionView(chain, address, { onlyWithNote: true });
  if (!chain || !v.pp || !v.note || !v.market) return null;
  const collateral = findAsset(chain.deployment, v.pp.collateral)!;
  const base = findAsset(chain.deployment, v.market.baseAsset)!;
  return (
    <Link
      href="/private"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-xl border border-violet-800 bg-slate-900/60 px-4 py-3 text-sm hover:border-violet-600"
      data-testid="dashboard-private-position"
    >
      <span className="font-medium">{t("position", { market: v.market.name })}</span>
      <span className="rounded-full bg-violet-900/60 px-2 py-0.5 text-xs text-violet-200 ring-1 ring-violet-700">{t("badge")}</span>
      <span className="text-slate-300">
        {t("collateral")}: {f.token(v.note.collateral, collateral.decimals, collateral.symbol)}
      </span>
      <span className="text-slate-300">
        {t("debt")}: {v.position ? f.token(v.position.debt, base.decimals, base.symbol) : "—"}
      </span>
      <span className="text-slate-300">
        {t("health")}: {v.position ? (v.position.health === null ? "∞" : f.healthFactor(v.position.health)) : "—"}
      </span>
      <span className="text-xs text-slate-400">{t("onlyHere")}</span>
    </Link>
  );
}
