"use client";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { collateralGatewayAbi } from "@/contracts-abi/abi/CollateralGateway";
import { collateralOutpostAbi } from "@/contracts-abi/abi/CollateralOutpost";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import type { CrossChainDeployment } from "@/lib/crosschain/deployment";
import { readCrossChainMessages, type CrossChainMessageView } from "@/lib/crosschain/messages";
import { useRefreshOnBlocks } from "./use-refresh-on-blocks";
import { requireChainReader } from "@/lib/wallet/chain-reader";
import { sameAddress } from "@/lib/config/address";

type ChainId = Parameters<typeof readContract>[1]["chainId"];

/** A message with the timestamp of its dispatch block (read only while it is in flight: what "late" is measured from). */
export interface TrackedMessage extends CrossChainMessageView {
  dispatchedAt?: number;
}

const messagesKey = (xc: CrossChainDeployment, account: Address | undefined) =>
  ["crosschain-messages", xc.gateway.gateway, xc.outpost.outpost, account?.toLowerCase() ?? ""] as const;

/**
 * The cross-chain messages of vault `vaultId` of `market` (its Credits) and of `account` (its Releases), newest first,
 * read from both chains (lib/crosschain/messages.ts) and refreshed on every block of either. A message in flight also
 * carries its dispatch time, so the page can tell "in flight" from "late: is the relayer running?".
 */
export function useCrossChainMessages(xc: CrossChainDeployment, market: Address, vaultId: bigint, account: Address | undefined) {
  const config = useConfig();
  const key = messagesKey(xc, account);
  const query = useQuery({
    queryKey: [...key, market, vaultId.toString()],
    retry: 1,
    queryFn: async (): Promise<TrackedMessage[]> => {
      const a = requireChainReader(config, xc.gateway.chainId);
      const b = requireChainReader(config, xc.outpost.chainId);
      const all = await readCrossChainMessages({ a, b, deployment: xc });
      const who = account?.toLowerCase();
      const mine = all.filter((m) =>
        m.kind === "credit"
          ? sameAddress(m.market, market) && m.vaultId === vaultId
          : who !== undefined && (m.from.toLowerCase() === who || m.recipient.toLowerCase() === who),
      );
      const tracked = await Promise.all(
        mine.map(async (m): Promise<TrackedMessage> => {
          if (m.state === "delivered") return m;
          const origin = m.originChainId === xc.gateway.chainId ? a : b;
          const block = await origin.getBlock({ blockNumber: m.dispatchBlock });
          return { ...m, dispatchedAt: Number(block.timestamp) };
        }),
      );
      return tracked.sort((x, y) => Number((y.dispatchedAt ?? 0) - (x.dispatchedAt ?? 0)) || Number(y.dispatchBlock - x.dispatchBlock));
    },
  });
  useRefreshOnBlocks([
    { chainId: xc.gateway.chainId, key },
    { chainId: xc.outpost.chainId, key },
  ]);
  return query;
}

/**
 * What the forms need besides the wallet's tokens: the native fee of a deposit's Credit (on the outpost's chain) and
 * of a withdrawal's Release (on the gateway's chain), quoted by the routers with the hook metadata they dispatch with,
 * and whether the owner has made the gateway its operator in the market (a withdrawal's first step).
 */
export function useCrossChainQuotes(
  xc: CrossChainDeployment,
  req: { token: Address; claim: Address; market: Address; vaultId: bigint; account: Address | undefined },
) {
  const config = useConfig();
  const key = ["crosschain-quotes", xc.gateway.gateway, req.token, req.claim, req.market, req.vaultId.toString(), req.account ?? ""] as const;
  const query = useQuery({
    queryKey: key,
    enabled: Boolean(req.account),
    retry: 1,
    queryFn: async () => {
      const account = req.account!;
      const [depositFee, releaseFee, gatewayIsOperator] = await Promise.all([
        readContract(config, {
          chainId: xc.outpost.chainId as ChainId,
          address: xc.outpost.outpost,
          abi: collateralOutpostAbi,
          functionName: "quoteDeposit",
          // The fee does not depend on the amount: quote for one unit, so a half-typed amount does not re-quote.
          args: [req.token, 1n, req.market, req.vaultId, account],
        }),
        readContract(config, {
          chainId: xc.gateway.chainId as ChainId,
          address: xc.gateway.gateway,
          abi: collateralGatewayAbi,
          functionName: "quoteRelease",
          args: [req.claim, 1n, account],
        }),
        readContract(config, {
          chainId: xc.gateway.chainId as ChainId,
          address: req.market,
          abi: keelMarketAbi,
          functionName: "isOperator",
          args: [account, xc.gateway.gateway],
        }),
      ]);
      return { depositFee, releaseFee, gatewayIsOperator };
    },
  });
  useRefreshOnBlocks(req.account ? [{ chainId: xc.gateway.chainId, key }] : []);
  return query;
}
