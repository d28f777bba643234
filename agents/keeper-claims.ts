/**
 * The keeper's stage for cross-chain collateral (docs/cross-chain.md): a vault whose collateral is a claim token
 * (xWETH, xWBTC: the gateway's receipt for WETH/WBTC locked on the outpost's chain) has no pool on this chain to sell
 * a seizure into, so KeelLiquidator's flash loan and swap cannot take it (the planner would defer it as "no-pool").
 * The keeper liquidates it instead from its own base balance, straight through the market — the oracle prices the
 * seizure with the market's discount, there is no pool to slip in — then redeems every claim it holds through the
 * gateway: the claims are burned here and Hyperlane's Release sends the tokens to the keeper's address on the
 * outpost's chain (the same key there). Redeeming whatever the keeper holds, on start and after each liquidation,
 * makes the stage restartable: claims seized before a crash are redeemed by the next run.
 */
import { decodeEventLog, erc20Abi, maxUint256, type Abi, type Address, type Hex, type PublicClient } from "viem";
import { collateralGatewayAbi, keelMarketAbi } from "../contracts-abi/generated";
import { keelMarketCallAbi } from "../contracts-abi";
import { redeemCall } from "../lib/crosschain/actions";
import type { CrossChainDeployment } from "../lib/crosschain/deployment";
import type { NonceManager } from "./agent-log";
import type { Candidate } from "./keeper-plan";
import { describeError, isGone, revertData } from "./revert";

/** A claim liquidation as planned: the candidate and what the keeper offers to repay (at most its balance). */
export interface ClaimLiquidation {
  candidate: Candidate;
  base: Address;
  repay: bigint;
}

/** The claim tokens of `xc` that are listed in a market of this chain, by lower-case address. */
export function claimSet(xc: CrossChainDeployment | undefined): ReadonlySet<string> {
  return new Set((xc?.gateway.claims ?? []).map((c) => c.claim.toLowerCase()));
}

/**
 * Stage "plan" for claims (pure): the candidates that seize a claim, each offered min(its maxRepay, the keeper's base
 * balance left); the ones the balance cannot fund at all are returned as `unfunded`. A follow-up (a vault's second
 * collateral) of a vault whose first liquidation goes through KeelLiquidator is left for the next scan: the claim
 * stage runs on its own and could land before it, and it was sized at the health that first one leaves.
 */
export function planClaimLiquidations(
  candidates: readonly Candidate[],
  claims: ReadonlySet<string>,
  baseOf: (market: Address) => Address | undefined,
  balances: ReadonlyMap<string, bigint>,
): { liquidations: ClaimLiquidation[]; unfunded: Candidate[]; later: Candidate[] } {
  const left = new Map(balances);
  const liquidations: ClaimLiquidation[] = [];
  const unfunded: Candidate[] = [];
  const later: Candidate[] = [];
  const key = (c: Candidate) => `${c.market.toLowerCase()}:${c.id}`;
  const viaLiquidator = new Set(candidates.filter((c) => !c.followUp && !claims.has(c.collateral.toLowerCase())).map(key));
  // First liquidations before follow-ups (a follow-up is sized at the health its first one leaves).
  const ordered = [...candidates.filter((c) => !c.followUp), ...candidates.filter((c) => c.followUp)];
  for (const c of ordered) {
    if (!claims.has(c.collateral.toLowerCase())) continue;
    if (c.followUp && viaLiquidator.has(key(c))) {
      later.push(c);
      continue;
    }
    const base = baseOf(c.market);
    const balance = base ? (left.get(base.toLowerCase()) ?? 0n) : 0n;
    if (!base || balance === 0n) {
      unfunded.push(c);
      continue;
    }
    const repay = c.maxRepay < balance ? c.maxRepay : balance;
    left.set(base.toLowerCase(), balance - repay);
    liquidations.push({ candidate: c, base, repay });
  }
  return { liquidations, unfunded, later };
}

/** What the claim stage talks to (a subset of the keeper's IO). */
export interface ClaimIO {
  publicClient: PublicClient;
  walletClient: {
    writeContract: (request: never) => Promise<Hex>;
  };
  account: { address: Address };
}

/**
 * Sends one call at the keeper's next nonce and waits for its receipt (the nonce manager keeps it apart from the
 * keeper's liquidation transactions in flight); simulated first, so a call the chain would refuse costs no gas and
 * comes back as the contract's error.
 */
export async function sendAndWait(
  io: ClaimIO,
  nonces: NonceManager,
  call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[]; value?: bigint },
) {
  const { request } = await io.publicClient.simulateContract({ ...call, account: io.account.address } as Parameters<
    PublicClient["simulateContract"]
  >[0]);
  const nonce = await nonces.take();
  let hash: Hex;
  try {
    hash = await io.walletClient.writeContract({ ...request, account: io.account, nonce } as never);
  } catch (e) {
    nonces.release(nonce);
    throw e;
  }
  nonces.sent(nonce, hash);
  const receipt = await io.publicClient.waitForTransactionReceipt({ hash });
  nonces.mined(nonce);
  if (receipt.status !== "success") throw new Error(`reverted (${hash})`);
  return receipt;
}

/** The keeper's balance of each base asset of `markets` (lower-case address). */
export async function readBaseBalances(io: Pick<ClaimIO, "publicClient" | "account">, bases: readonly Address[]) {
  const out = new Map<string, bigint>();
  for (const base of new Set(bases.map((b) => b.toLowerCase() as Address)))
    out.set(base, await io.publicClient.readContract({ address: base, abi: erc20Abi, functionName: "balanceOf", args: [io.account.address] }));
  return out;
}

/**
 * Liquidates each planned claim liquidation in turn (approving the market for the base once), each awaited: the next
 * is sent on the state the last one left. Returns the vaults liquidated; a refusal is reported and the rest go on (a
 * vault no longer liquidatable, as KeelLiquidator skips it, as "claim-liquidation-skipped").
 */
export async function liquidateClaims(
  io: ClaimIO,
  nonces: NonceManager,
  planned: readonly ClaimLiquidation[],
  report: (event: "claim-liquidated" | "claim-liquidation-skipped" | "claim-liquidation-failed", fields: Record<string, unknown>) => void,
) {
  const done: { market: Address; id: bigint; repaid: bigint; seized: bigint; block: bigint }[] = [];
  for (const { candidate: c, base, repay } of planned) {
    try {
      const allowance = await io.publicClient.readContract({
        address: base,
        abi: erc20Abi,
        functionName: "allowance",
        args: [io.account.address, c.market],
      });
      // The market pulls base only from its caller, inside the caller's own repay or liquidate.
      if (allowance < repay) await sendAndWait(io, nonces, { address: base, abi: erc20Abi, functionName: "approve", args: [c.market, maxUint256] });
      // minSeized 0: the market prices the seizure at the oracle with its discount (no pool, no slippage).
      const receipt = await sendAndWait(io, nonces, {
        address: c.market,
        abi: keelMarketCallAbi,
        functionName: "liquidate",
        args: [c.id, c.collateral, repay, 0n],
      });
      let repaid = 0n;
      let seized = 0n;
      for (const l of receipt.logs) {
        if (l.address.toLowerCase() !== c.market.toLowerCase()) continue;
        try {
          const ev = decodeEventLog({ abi: keelMarketAbi, data: l.data, topics: l.topics });
          if (ev.eventName === "Liquidated") ({ repaid, seized } = ev.args as unknown as { repaid: bigint; seized: bigint });
        } catch {
          // another event of the market
        }
      }
      done.push({ market: c.market, id: c.id, repaid, seized, block: receipt.blockNumber });
      report("claim-liquidated", { market: c.market, id: c.id, claim: c.collateral, repaid, seized, hash: receipt.transactionHash });
    } catch (e) {
      // Liquidated a scan ago (a re-priced scan still sees it) or by a competitor: KeelLiquidator's rule, not a failure.
      const event = isGone(revertData(e)) ? "claim-liquidation-skipped" : "claim-liquidation-failed";
      report(event, { market: c.market, id: c.id, claim: c.collateral, error: describeError(e) });
    }
  }
  return done;
}

/**
 * Redeems every claim of `xc` the keeper holds: burned on this chain, released to `recipient` (the keeper's address
 * by default) on the outpost's chain once Hyperlane delivers the Release. The fee is quoted by the gateway and paid
 * with headroom (the hooks refund the excess). Returns the Releases dispatched.
 */
export async function redeemClaims(
  io: ClaimIO,
  nonces: NonceManager,
  xc: CrossChainDeployment,
  report: (event: "claims-redeemed" | "claim-redeem-failed", fields: Record<string, unknown>) => void,
  recipient: Address = io.account.address,
) {
  const out: { claim: Address; amount: bigint; messageId: Hex }[] = [];
  for (const claim of new Set(xc.gateway.claims.map((c) => c.claim))) {
    try {
      const amount = await io.publicClient.readContract({ address: claim, abi: erc20Abi, functionName: "balanceOf", args: [io.account.address] });
      if (amount === 0n) continue;
      const fee = await io.publicClient.readContract({
        address: xc.gateway.gateway,
        abi: collateralGatewayAbi,
        functionName: "quoteRelease",
        args: [claim, amount, recipient],
      });
      const call = redeemCall(xc, { claim, amount, recipient, fee });
      const receipt = await sendAndWait(io, nonces, { ...call, abi: call.abi as Abi });
      let messageId: Hex = "0x";
      for (const l of receipt.logs) {
        if (l.address.toLowerCase() !== xc.gateway.gateway.toLowerCase()) continue;
        try {
          const ev = decodeEventLog({ abi: collateralGatewayAbi, data: l.data, topics: l.topics });
          if (ev.eventName === "ReleaseDispatched") messageId = ev.args.messageId;
        } catch {
          // another event
        }
      }
      out.push({ claim, amount, messageId });
      report("claims-redeemed", { claim, amount, recipient, chain: xc.outpost.chainId, messageId, hash: receipt.transactionHash });
    } catch (e) {
      report("claim-redeem-failed", { claim, error: describeError(e) });
    }
  }
  return out;
}
