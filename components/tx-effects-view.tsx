"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import type { KnownToken, TxEffects } from "@/lib/tx/tx-effects";
import { sameAddress } from "@/lib/config/address";

/**
 * What a transaction will do, from its simulation at the latest block (lib/tx/tx-effects.ts): tokens out of and into the
 * wallet, and the vault's collateral, debt and health factor after. Shown by the transactor before the wallet opens.
 */
export function TxEffectsView({ effects, tokens, base }: { effects: TxEffects & { ok: true }; tokens: KnownToken[]; base?: KnownToken }) {
  const tr = useTranslations("effects");
  const { token: formatToken, healthFactor: formatHealthFactor } = useFormat();
  const symbolOf = (a: string) => tokens.find((t) => sameAddress(t.address, a));
  const v = effects.vault;
  const changed = v
    ? v.after.collaterals.filter((c) => {
        const before = v.before.collaterals.find((b) => sameAddress(b.asset, c.asset))?.amount ?? 0n;
        return before !== c.amount;
      })
    : [];
  return (
    <div className="mt-1 space-y-0.5 text-xs" data-testid="tx-effects" data-block={String(effects.blockNumber)}>
      <div className="text-slate-400">{tr("title")}</div>
      {effects.flows.length === 0 && !v && <div>{tr("none")}</div>}
      {effects.flows.map((f) => (
        <div key={f.address} data-testid={`effect-${f.symbol}`} data-out={String(f.out)}>
          {tr.rich(f.out > 0n ? "send" : "receive", {
            amount: () => <b className="font-mono">{formatToken(f.out > 0n ? f.out : -f.out, f.decimals, f.symbol)}</b>,
          })}
        </div>
      ))}
      {v && base && v.before.debt !== v.after.debt && (
        <div data-testid="effect-debt" data-after={String(v.after.debt)}>
          {tr.rich("debt", {
            before: formatToken(v.before.debt, base.decimals, base.symbol),
            after: () => <b className="font-mono">{formatToken(v.after.debt, base.decimals, base.symbol)}</b>,
          })}
        </div>
      )}
      {changed.map((c) => {
        const t = symbolOf(c.asset);
        const before = v!.before.collaterals.find((b) => sameAddress(b.asset, c.asset))?.amount ?? 0n;
        return (
          <div key={c.asset} data-testid={`effect-collateral-${t?.symbol ?? c.asset}`} data-after={String(c.amount)}>
            {tr.rich("collateral", {
              asset: t?.symbol ?? c.asset,
              before: formatToken(before, t?.decimals ?? 18, t?.symbol ?? ""),
              after: () => <b className="font-mono">{formatToken(c.amount, t?.decimals ?? 18, t?.symbol ?? "")}</b>,
            })}
          </div>
        );
      })}
      {v && v.after.debt > 0n && (
        <div data-testid="effect-health">
          {tr.rich("health", { hf: () => <b className="font-mono">{formatHealthFactor(v.after.healthFactor)}</b> })}
        </div>
      )}
    </div>
  );
}
