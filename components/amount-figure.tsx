"use client";
import { useFormat } from "@/hooks/use-format";

/**
 * A row's amount with its symbol, the symbol left out on a phone: the row's first cell already names the token, and
 * "10,000 USDC" in a narrow column would otherwise break between the figure and its unit.
 */
export function AmountFigure({ amount, decimals, symbol }: { amount: bigint; decimals: number; symbol: string }) {
  const f = useFormat();
  return (
    <>
      {f.unitsFixed(amount, decimals, 4)}
      <span className="hidden sm:inline"> {symbol}</span>
    </>
  );
}
