"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { useProtectionHistory } from "@/hooks/use-vault-protection";
import { findAsset } from "@/lib/config/deployment";
import { shortAddress } from "@/lib/view/format";
import type { ChainConfig } from "@/lib/config/chains";
import type { LensMarket, LensVault } from "@/lib/read/vaults";

/** The vault's KeelGuard executions and its liquidations, newest as the hook orders them. */
export function ProtectionHistory({
  chain,
  vault,
  market,
  baseSymbol,
}: {
  chain: ChainConfig;
  vault: LensVault;
  market: LensMarket;
  baseSymbol: string;
}) {
  const t = useTranslations("protection.history");
  const f = useFormat();
  const history = useProtectionHistory(chain, vault.market, vault.id);
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium text-slate-300">{t("title")}</h3>
      {history.isPending ? (
        <p className="text-xs text-slate-400">{t("reading")}</p>
      ) : history.error ? (
        <p className="text-xs text-rose-300">{t("error", { reason: history.error.message.split("\n")[0] ?? "" })}</p>
      ) : history.data.length === 0 ? (
        <p className="text-xs text-slate-400" data-testid="protection-history-empty">
          {t("empty")}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-xs" data-testid="protection-history">
            <thead className="text-left text-slate-400">
              <tr>
                <th className="py-1">{t("block")}</th>
                <th className="py-1">{t("what")}</th>
                <th className="py-1 text-right">{t("collateralOut")}</th>
                <th className="py-1 text-right">{t("debtRepaid")}</th>
                <th className="py-1 text-right">{t("fee")}</th>
                <th className="py-1 text-right">{t("by")}</th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((e) => {
                const col = findAsset(chain.deployment, e.collateral);
                return (
                  <tr key={`${e.txHash}-${e.kind}`} className="border-t border-slate-800">
                    <td className="py-1 font-mono">{e.block.toString()}</td>
                    <td className={`py-1 ${e.kind === "liquidation" ? "text-rose-300" : "text-sky-300"}`}>
                      {t(e.kind === "stop-loss" ? "stopLoss" : e.kind)}
                    </td>
                    <td className="py-1 text-right font-mono">{f.token(e.amount, col?.decimals ?? 18, col?.symbol ?? shortAddress(e.collateral))}</td>
                    <td className="py-1 text-right font-mono">{f.token(e.repaid, market.baseDecimals, baseSymbol)}</td>
                    <td className="py-1 text-right font-mono">{e.kind === "liquidation" ? "—" : f.token(e.fee, market.baseDecimals, baseSymbol)}</td>
                    <td className="py-1 text-right font-mono">{shortAddress(e.by)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
