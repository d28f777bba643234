"use client";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { useFormat } from "./use-format";
import type { Address } from "viem";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { useTransactor, type TxRequest, type TxResult } from "@/hooks/use-transactor";
import { needsApproval } from "@/lib/read/markets";
import { approveCall } from "@/lib/protocols/keel/actions";
import { pendingFlows } from "@/lib/tx/pending-flows";

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

/** Ties the run to the app's store of pending flows: `key` is what it acts on, `form` what the locked form shows. */
export interface FlowTie {
  key: string;
  form: Record<string, string | boolean>;
}

/**
 * An action that pulls tokens from the wallet: allowance checked first, then Approve (exact amount by default,
 * unlimited only when chosen), then the action — each through the one transactor (simulate, sign, pending, toasts).
 * Stops at the first step that is not confirmed and returns its result. With `flow`, the run is recorded in the one
 * store of pending flows (survives navigation and reload); a second run on the same key is refused while it lasts.
 */
export function useApproveAndSend() {
  const send = useTransactor();
  const t = useTranslations("tx");
  const f = useFormat();
  return useCallback(
    async (pull: Pull | null, action: TxRequest, flow?: FlowTie): Promise<TxResult> => {
      const approve: TxRequest | null =
        pull && needsApproval(pull.allowance, pull.amount)
          ? {
              label: pull.unlimited
                ? t("approveUnlimited", { symbol: pull.symbol })
                : t("approve", { amount: f.token(pull.amount, pull.decimals, pull.symbol, pull.decimals) }),
              chainId: action.chainId,
              address: pull.token,
              abi: devErc20Abi,
              ...approveCall(pull.spender, pull.amount, pull.unlimited),
            }
          : null;
      const store = pendingFlows();
      if (flow) {
        const steps = [...(approve ? [approve.label] : []), action.label];
        const begun = store.begin({ key: flow.key, chainId: action.chainId, form: flow.form, steps });
        if (!begun.ok) {
          return { status: "failed", error: { kind: "unknown", message: t("stillRunning", { label: begun.running.steps.at(-1) ?? "" }) } };
        }
      }
      try {
        if (approve) {
          const approved = await send({ ...approve, then: action, ...(flow ? { flow: flow.key } : {}) });
          if (approved.status !== "confirmed") return approved;
          if (flow) store.update(flow.key, { current: 1, stage: "checking" });
        }
        return await send({ ...action, ...(flow ? { flow: flow.key } : {}) });
      } finally {
        if (flow) store.end(flow.key);
      }
    },
    [send, t, f],
  );
}
