"use client";
import type { Address, Hex } from "viem";
import { useAccountPositions } from "@/hooks/use-account-positions";
import { protocolViews, type PositionView } from "@/lib/protocols/view";
import type { ProtocolId } from "@/lib/protocols/types";

/**
 * One Aave or Morpho position of `owner` as a view-model — empty when the account holds nothing there yet, so the page
 * can open it — from the same one-eth_call-per-block read as the dashboard (the query is shared).
 */
export function useProtocolPosition(chainId: number, protocol: ProtocolId, id: Address | Hex | undefined, owner: Address) {
  const chains = useAccountPositions(owner);
  const c = chains.find((x) => x.chain.id === chainId);
  const view: PositionView | undefined = c?.read
    ? protocolViews(c.read, true).find(
        (v) => v.protocol === protocol && (protocol === "aave-v3" || v.position.id.toLowerCase() === id?.toLowerCase()),
      )
    : undefined;
  return { chainPositions: c, view, read: c?.read };
}
