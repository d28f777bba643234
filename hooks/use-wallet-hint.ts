"use client";
import { useTranslations } from "next-intl";
import { useAccount } from "wagmi";
import { useFormat } from "./use-format";

/**
 * The line under an amount that comes from the wallet ("Wallet: 12.5 WETH"), the same on every form: "…" while the
 * balance is read, and "not connected" without a wallet (it said "…" forever, or "0 WETH" on /multiply, which read the
 * balance of no one).
 */
export function useWalletHint(balance: bigint | undefined, decimals: number, symbol: string): string {
  const t = useTranslations("common");
  const f = useFormat();
  const { isConnected } = useAccount();
  if (!isConnected) return t("walletNone");
  return balance === undefined ? t("walletLoading") : t("wallet", { amount: f.tokenDown(balance, decimals, symbol) });
}
