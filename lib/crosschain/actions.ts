/**
 * The cross-chain collateral calls the app sends (contracts/src/crosschain), built once: a deposit on the outpost's
 * chain, the gateway made the owner's operator in the market, a withdrawal to the outpost's chain. Each carries the
 * Hyperlane fee as `value`, with headroom: the routers dispatch with the sender as refund address, so whatever exceeds
 * the fee at inclusion comes back, and a gas-price update between the quote and inclusion does not make it fail.
 */
import type { Address } from "viem";
import { collateralGatewayCallAbi, collateralOutpostCallAbi, keelMarketCallAbi } from "@/contracts-abi/call";
import type { CrossChainDeployment } from "./deployment";

/** Headroom on a quoted fee, in basis points (the excess is refunded by the hooks). */
export const FEE_HEADROOM_BPS = 2_000n;

/** A quoted fee with its headroom (rounded up, so a fee of 1 wei still gets some). */
export function feeWithHeadroom(quote: bigint): bigint {
  return quote + (quote * FEE_HEADROOM_BPS + 9_999n) / 10_000n;
}

/** `CollateralOutpost.deposit`: lock `amount` of `token` on chain B for vault `vaultId` of `market`, fallback `account`. */
export function depositCall(
  xc: CrossChainDeployment,
  p: { token: Address; amount: bigint; market: Address; vaultId: bigint; account: Address; fee: bigint },
) {
  return {
    chainId: xc.outpost.chainId,
    address: xc.outpost.outpost,
    abi: collateralOutpostCallAbi,
    functionName: "deposit" as const,
    args: [p.token, p.amount, p.market, p.vaultId, p.account] as const,
    value: feeWithHeadroom(p.fee),
  };
}

/** `KeelMarket.setOperator(gateway, true)`: lets the gateway take claims out of the owner's vaults (for `withdraw`). */
export function gatewayOperatorCall(xc: CrossChainDeployment, market: Address) {
  return {
    chainId: xc.gateway.chainId,
    address: market,
    abi: keelMarketCallAbi,
    functionName: "setOperator" as const,
    args: [xc.gateway.gateway, true] as const,
  };
}

/** `CollateralGateway.withdraw`: take `amount` claims out of the vault (the market's LTV check decides), release on B. */
export function withdrawCall(
  xc: CrossChainDeployment,
  p: { market: Address; vaultId: bigint; claim: Address; amount: bigint; recipient: Address; fee: bigint },
) {
  return {
    chainId: xc.gateway.chainId,
    address: xc.gateway.gateway,
    abi: collateralGatewayCallAbi,
    functionName: "withdraw" as const,
    args: [p.market, p.vaultId, p.claim, p.amount, p.recipient] as const,
    value: feeWithHeadroom(p.fee),
  };
}

/** `CollateralGateway.redeem`: burn `amount` of the caller's claims (held in the wallet) and release them on B. */
export function redeemCall(xc: CrossChainDeployment, p: { claim: Address; amount: bigint; recipient: Address; fee: bigint }) {
  return {
    chainId: xc.gateway.chainId,
    address: xc.gateway.gateway,
    abi: collateralGatewayCallAbi,
    functionName: "redeem" as const,
    args: [p.claim, p.amount, p.recipient] as const,
    value: feeWithHeadroom(p.fee),
  };
}
