"use client";
import { useTranslations } from "next-intl";
import { AmountField } from "@/components/amount-field";
import { useFormat } from "@/hooks/use-format";
import { useWalletHint } from "@/hooks/use-wallet-hint";
import type { ProtocolMultiply } from "@/hooks/use-protocol-multiply";
import { LeverageField, SlippageSelect } from "./multiply-form";

/** The inputs of Multiply on an Aave or Morpho position: what is held, the deposit, the target leverage, the slippage. */
export function ProtocolMultiplyForm({ m }: { m: ProtocolMultiply }) {
  const t = useTranslations("multiply");
  const f = useFormat();
  const { form, data, symbol, decimals } = m;
  const walletHint = useWalletHint(data?.balance, decimals, symbol);
  return (
    <>
      {m.venue.isPending && <p className="text-sm text-slate-400">{t("readingPosition")}</p>}
      {m.isOpen && m.vault && (
        <p className="text-xs text-slate-400" data-testid="mp-held">
          {t("openPositionNote", { collateral: f.token(m.held, decimals, symbol), debt: f.token(m.ownDebt, m.baseDecimals, m.baseSymbol) })}
          {m.otherDebts.length > 0 &&
            ` ${t("otherDebtsNote", { debts: m.otherDebts.join(", "), value: f.token(m.folded, m.baseDecimals, m.baseSymbol) })}`}
        </p>
      )}
      {form.mode === "adjust" && (
        <>
          <AmountField
            id="multiply-deposit"
            label={m.isOpen ? t("addFromWallet", { symbol }) : t("deposit", { symbol })}
            symbol={symbol}
            value={form.depositText}
            onChange={form.setDepositText}
            onMax={data?.balance !== undefined ? () => form.fillDeposit(f.unitsInput(data.balance!, decimals)) : undefined}
            maxLabel={data?.balance !== undefined ? t("maxWallet") : undefined}
            hint={walletHint}
            problem={form.depositProblem}
          />
          <LeverageField {...form.leverage} />
        </>
      )}
      <SlippageSelect value={form.slippageBps} onChange={form.setSlippageBps} />
    </>
  );
}
