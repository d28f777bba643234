"use client";
import { useTranslations } from "next-intl";
import { PreviewRow } from "@/components/preview-row";
import { useFormat } from "@/hooks/use-format";
import type { LeveragePlan } from "@/lib/engine/leverage";

export interface PreviewLine {
  label: string;
  testId: string;
  before: string;
  after: string;
  afterClass?: string;
}

/** The position before → after a Multiply plan (leverage, collateral, debt, health, liquidation price). */
export function MultiplyPreview({ rows }: { rows: PreviewLine[] }) {
  const t = useTranslations("multiply");
  return (
    <table className="w-full text-sm" data-testid="multiply-preview">
      <thead className="text-left text-xs text-slate-400">
        <tr>
          <th className="py-1 font-normal">{t("position")}</th>
          <th className="py-1 pl-3 text-right font-normal">{t("now")}</th>
          <th className="py-1 pl-3 text-right font-normal">{t("after")}</th>
        </tr>
      </thead>
      <tbody className="font-mono tabular-nums">
        {rows.map((r) => (
          <PreviewRow key={r.testId} label={r.label} testId={r.testId} before={r.before} after={r.after} afterClass={r.afterClass ?? ""} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * The swap a plan makes, its bounds and fees. `col` / `base` format collateral and debt-asset amounts; `back` is the
 * collateral returned on close with its value (or ""); `extra` lines (the oracle bound) are appended.
 */
export function SwapDetails({
  plan,
  col,
  base,
  backValue,
  otherCollateral,
  extra = [],
}: {
  plan: LeveragePlan;
  col: (v: bigint) => string;
  base: (v: bigint) => string;
  backValue: string;
  otherCollateral: boolean;
  extra?: [string, string][];
}) {
  const t = useTranslations("multiply");
  const f = useFormat();
  // A deposit that alone brings the target leverage swaps nothing: one line says so (no "Swap 0 → ≈ 0", no bound, fee or
  // impact of a trade that is not made).
  const depositOnly = plan.kind === "increase" && plan.flashAmount === 0n;
  const lines: [string, string][] = depositOnly
    ? [[t("swap"), t("noSwap")]]
    : plan.kind === "increase"
      ? [
          [t("swap"), `${base(plan.flashAmount)} → ≈ ${col(plan.expectedOut)}`],
          [t("slippageBound"), t("atLeast", { amount: col(plan.minCollateralOut) })],
          [t("fees"), t("feesLine", { swap: base(plan.swapFee), flash: base(plan.flashFee) })],
        ]
      : plan.kind === "decrease"
        ? [
            [t("swap"), `${col(plan.collateralToSell)} → ≈ ${base(plan.expectedBaseOut)}`],
            [t("slippageBound"), t("atLeast", { amount: base(plan.minBaseOut) })],
            [t("fees"), t("feesLine", { swap: col(plan.swapFee), flash: base(plan.flashFee) })],
          ]
        : [
            [t("repay"), t("repayLine", { amount: base(plan.debt) })],
            [t("swap"), `≈ ${col(plan.expectedCollateralIn)} → ${base(plan.debt + plan.flashFee)}`],
            [t("slippageBound"), t("atMost", { amount: col(plan.maxCollateralIn) })],
            [t("youReceive"), t(otherCollateral ? "receiveLine" : "receiveLineProtocol", { amount: col(plan.collateralBack), value: backValue })],
            [t("fees"), t("feesLine", { swap: col(plan.swapFee), flash: base(plan.flashFee) })],
          ];
  return (
    <dl
      className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-800 bg-slate-950/50 px-3 py-2 text-xs"
      data-testid="multiply-swap"
    >
      {[...lines, ...(depositOnly ? [] : extra)].map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-400">{k}</dt>
          <dd className="text-right font-mono tabular-nums text-slate-200">{v}</dd>
        </div>
      ))}
      {!depositOnly && (
        <>
          <dt className="text-slate-400">{t("priceImpact")}</dt>
          <dd className="text-right font-mono tabular-nums text-slate-200" data-testid="mp-impact">
            {f.percentFloat(plan.priceImpact)}
          </dd>
        </>
      )}
    </dl>
  );
}
