"use client";
import { useCallback } from "react";
import { maxUint256, type Address } from "viem";
import { devErc20Abi } from "@/contracts-abi";
import { useTransactor, type TxRequest, type TxResult } from "@/hooks/use-transactor";
import { needsApproval } from "@/lib/markets";
import { formatToken } from "@/lib/format";

export interface Pull {
  token: Address;
  symbol: string;
  decimals: number;
  spender: Address;
  amount: bigint;
  /** The allowance read before; approval is asked only when it is below `amount`. */
  allowance: bigint;
  /** Approve type(uint256).max instead of the exact amount (an explicit choice of the user). */
  unlimited: boolean;
}

/**
 * An action that pulls tokens from the wallet: allowance checked first, then Approve (exact amount by default,
 * unlimited only when chosen), then the action — each through the one transactor (simulate, sign, pending, toasts).
 * Stops at the first step that is not confirmed and returns its result.
 */
export function useApproveAndSend() {
  const send = useTransactor();
  return useCallback(
    async (pull: Pull | null, action: TxRequest): Promise<TxResult> => {
      if (pull && needsApproval(pull.allowance, pull.amount)) {
        const approved = await send({
          label: pull.unlimited ? `Approve unlimited ${pull.symbol}` : `Approve ${formatToken(pull.amount, pull.decimals, pull.symbol, pull.decimals)}`,
          chainId: action.chainId,
          address: pull.token,
          abi: devErc20Abi,
          functionName: "approve",
          args: [pull.spender, pull.unlimited ? maxUint256 : pull.amount],
        });
        if (approved.status !== "confirmed") return approved;
      }
      return send(action);
    },
    [send],
  );
}
