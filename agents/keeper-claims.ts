/**
 * The keeper's stage for cross-chain collateral (docs/cross-chain.md): a vault whose collateral is a claim token
 * (xWETH, xWBTC: the gateway's receipt for WETH/WBTC locked on the outpost's chain) has no pool on this chain to sell
 * a seizure into, so KeelLiquidator's flash loan and swap cannot take it (the planner would defer it as "no-pool").
 * The keeper liquidates it instead from its own base balance, straight through the market — the oracle prices the
 * seizure with the market's discount, there is no pool to slip in — then redeems the claims it holds through the
 * gateway: the claims are burned here and Hyperlane's Release sends the tokens to the keeper's address on the
 * outpost's chain (the same key there). Redeeming what the keeper holds, on start and after each liquidation, makes
 * the stage restartable: claims seized before a crash are redeemed by the next run.
 *
 * Every transaction goes through the keeper's send and confirm-or-replace stages (agents/keeper-send.ts: its capped
 * fees, replaced when passed over), so a claim transaction never holds the keeper's nonce; the stage runs beside the
 * scan, never inside it (agents/keeper.ts). It pays only when it should:
 * - a claim liquidation is planned only when its expected value — the seized claims at the oracle price, less the
 *   repayment, less the gas of the liquidation and of a redeem at the expected gas price, less one quoted Hyperlane
 *   Release fee (all in USD, rounded against the keeper) — reaches `minProfitUsd` (`claimLiquidationValue`);
 * - the claims held are redeemed only when they are worth at least `minRedeemUsd` and `redeemFeeMultiple` times the
 *   Release's fee (`redeemWorthIt`): small seizures accumulate into one Release, and dust sent to the keeper (anyone
 *   can send it claims) costs it nothing.
 */
import { decodeEventLog, erc20Abi, maxUint256, type Abi, type Address, type Hex, type PublicClient, type TransactionReceipt } from "viem";
import { collateralGatewayAbi, keelMarketAbi } from "../contracts-abi";
import { keelMarketCallAbi } from "../contracts-abi/call";
import { valueDown } from "../lib/engine/health";
import { baseToUsd, gasCostUsd } from "../lib/engine/liquidation";
import { redeemCall } from "../lib/crosschain/actions";
import type { CrossChainDeployment } from "../lib/crosschain/deployment";
import type { Candidate } from "./keeper-plan";
import type { TxCall } from "./keeper-send";
import { describeError, isGone, revertData } from "./revert";
import { sameAddress } from "../lib/config/address";

/** A claim liquidation as planned: the candidate, what the keeper offers to repay (at most its budget), its value. */
export interface ClaimLiquidation {
  candidate: Candidate;
  base: Address;
  repay: bigint;
  /** Expected value (USD, WAD) after gas and the Release fee (`claimLiquidationValue`). */
  value: bigint;
}

/** The claim tokens of `xc` that are listed in a market of this chain, by lower-case address. */
export function claimSet(xc: CrossChainDeployment | undefined): ReadonlySet<string> {
  return new Set((xc?.gateway.claims ?? []).map((c) => c.claim.toLowerCase()));
}

/**
 * Gas of the claim stage's transactions, upper bounds over the relayer chain test's receipts (a claim liquidation
 * 173,346, a redeem with its Hyperlane dispatch 212,497); the keeper raises each from its receipts, never lowers it.
 */
export const DEFAULT_CLAIM_GAS = { liquidate: 220_000n, redeem: 230_000n };

/**
 * The claim stage's rules (KeeperOptions.claimRules). The budget rule (K-3 of docs/audit-2026-12-02-b.md): the keeper's
 * base balance B of a market serves both KeelLiquidator's fallback and the claim stage. Liquidator transactions not
 * yet mined hold their `maxLoss` (L), claim liquidations not yet mined hold their repayment (C). The fallback may lose
 * at most B − C (the planner's loss budget); the claim stage spends at most B − L − reserveBps × B, so it never takes
 * the last of the balance the fallback draws on (and the fallback, at most maxLossBps of a batch's repayment a batch,
 * cannot take the claims' share in one pass).
 */
export interface ClaimRules {
  /** The least expected value (USD, WAD) of a claim liquidation, after gas and the Release fee. */
  minProfitUsd: bigint;
  /** Claims held are redeemed only when worth at least this (USD, WAD) ... */
  minRedeemUsd: bigint;
  /** ... and this many times the Release's fee. */
  redeemFeeMultiple: bigint;
  /** Claim liquidations a pass at most (a pass runs beside the scan; the rest wait for the next). */
  maxPerPass: number;
  /** Share of the base balance (bps) the claim stage leaves to the fallback. */
  reserveBps: bigint;
  /** The asset whose oracle price is the native token's (gas, Hyperlane fee); default the deployment's WETH. */
  nativeAsset?: Address;
}

export const DEFAULT_CLAIM_RULES: ClaimRules = {
  minProfitUsd: 5n * 10n ** 18n,
  minRedeemUsd: 50n * 10n ** 18n,
  redeemFeeMultiple: 10n,
  maxPerPass: 4,
  reserveBps: 1_000n,
};

/** What the claim stage may spend of each base (lower-case): the budget rule of `ClaimRules`, never below 0. */
export function claimBudgets(
  balances: ReadonlyMap<string, bigint>,
  heldByLiquidator: ReadonlyMap<string, bigint>,
  heldByClaims: ReadonlyMap<string, bigint>,
  reserveBps: bigint,
): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [base, b] of balances) {
    const left = b - (heldByLiquidator.get(base) ?? 0n) - (heldByClaims.get(base) ?? 0n) - (b * reserveBps) / 10_000n;
    out.set(base, left > 0n ? left : 0n);
  }
  return out;
}

/**
 * The bases whose budget could not fund a claim liquidation (`unfunded`), for the keeper's warning: each with the
 * balance, the budget the rule left, and the vaults and repayment waiting.
 */
export function exhaustedBases(
  unfunded: readonly Candidate[],
  baseOf: (market: Address) => Address | undefined,
  balances: ReadonlyMap<string, bigint>,
  budgets: ReadonlyMap<string, bigint>,
) {
  const out = new Map<string, { base: string; balance: bigint; budget: bigint; vaults: number; needed: bigint }>();
  for (const c of unfunded) {
    const base = baseOf(c.market)?.toLowerCase();
    if (!base) continue;
    const e = out.get(base) ?? { base, balance: balances.get(base) ?? 0n, budget: budgets.get(base) ?? 0n, vaults: 0, needed: 0n };
    e.vaults++;
    e.needed += c.maxRepay;
    out.set(base, e);
  }
  return [...out.values()];
}

/** What a claim liquidation costs and must bring, for `claimLiquidationValue`. */
export interface ClaimCosts {
  /** Gas of one claim liquidation and of one redeem. */
  gas: { liquidate: bigint; redeem: bigint };
  /** Wei per gas the keeper expects to pay (the fee estimate's max fee). */
  gasPrice: bigint;
  /** USD (WAD) of one whole native token (what gas and the Hyperlane fee are paid in); null when unknown. */
  nativePrice: bigint | null;
  /** The quoted Release fee (native wei), by lower-case claim token. */
  releaseFee: ReadonlyMap<string, bigint>;
}

/** The oracle's view the planner prices with: a market's base and a collateral's price (WAD) and decimals. */
export interface ClaimPrices {
  base(market: Address): { asset: Address; price: bigint; decimals: number } | undefined;
  collateral(market: Address, asset: Address): { price: bigint; decimals: number } | undefined;
}

/**
 * Expected value (USD, WAD) of liquidating `c` with `repay` offered: the seizure the market makes for what it takes
 * (the sized seizure, pro rata when the offer is under the sized repayment), at the oracle price, rounded down; less
 * the repayment, the gas of the liquidation and of its share of a redeem, and one Release fee, rounded up. Null when
 * a price is missing (then the keeper does not liquidate: it cannot tell whether it pays).
 */
export function claimLiquidationValue(c: Candidate, repay: bigint, prices: ClaimPrices, costs: ClaimCosts): bigint | null {
  const base = prices.base(c.market);
  const claim = prices.collateral(c.market, c.collateral);
  const fee = costs.releaseFee.get(c.collateral.toLowerCase());
  if (!base || !claim || costs.nativePrice === null || fee === undefined || c.repay === 0n) return null;
  const taken = repay < c.repay ? repay : c.repay;
  const seized = (c.seized * taken) / c.repay;
  const wei = (costs.gas.liquidate + costs.gas.redeem) * costs.gasPrice + fee;
  return valueDown(seized, claim.price, claim.decimals) - baseToUsd(taken, base.price, base.decimals) - gasCostUsd(wei, 1n, costs.nativePrice);
}

export interface ClaimPlanOptions {
  /** The keeper's base it may spend on claims, by lower-case base (the budget rule: agents/keeper.ts). */
  budgets: ReadonlyMap<string, bigint>;
  value: (c: Candidate, repay: bigint) => bigint | null;
  /** The least expected value (USD, WAD) a claim liquidation must bring. */
  minProfitUsd: bigint;
  /** At most this many claim liquidations a pass (the rest wait for the next one). */
  maxPerPass: number;
}

/**
 * Stage "plan" for claims (pure): the candidates that seize a claim, each offered min(its maxRepay, the budget left
 * of its base), most valuable first, at most `maxPerPass`. Returned apart: `unfunded` (no budget left), `unprofitable`
 * (expected value under `minProfitUsd`, or unpriceable), `capped` (over `maxPerPass`) and `later` — a follow-up (a
 * vault's second collateral) of a vault whose first liquidation goes through KeelLiquidator: the claim stage runs on
 * its own and could land before it, and it was sized at the health that first one leaves.
 */
export function planClaimLiquidations(
  candidates: readonly Candidate[],
  claims: ReadonlySet<string>,
  baseOf: (market: Address) => Address | undefined,
  opts: ClaimPlanOptions,
) {
  const left = new Map(opts.budgets);
  const liquidations: ClaimLiquidation[] = [];
  const unfunded: Candidate[] = [];
  const unprofitable: { candidate: Candidate; value: bigint | null }[] = [];
  const capped: Candidate[] = [];
  const later: Candidate[] = [];
  const key = (c: Candidate) => `${c.market.toLowerCase()}:${c.id}`;
  const viaLiquidator = new Set(candidates.filter((c) => !c.followUp && !claims.has(c.collateral.toLowerCase())).map(key));
  // Most valuable first (at the whole offer), first liquidations before follow-ups (a follow-up is sized at the
  // health its first one leaves).
  const rank = (c: Candidate) => opts.value(c, c.maxRepay) ?? -(2n ** 255n);
  const byValue = (list: Candidate[]) => list.map((c) => ({ c, v: rank(c) })).sort((x, y) => (x.v > y.v ? -1 : x.v < y.v ? 1 : 0));
  const ordered = [...byValue(candidates.filter((c) => !c.followUp)), ...byValue(candidates.filter((c) => c.followUp))].map((x) => x.c);
  for (const c of ordered) {
    if (!claims.has(c.collateral.toLowerCase())) continue;
    if (c.followUp && viaLiquidator.has(key(c))) {
      later.push(c);
      continue;
    }
    const base = baseOf(c.market);
    const budget = base ? (left.get(base.toLowerCase()) ?? 0n) : 0n;
    if (!base || budget <= 0n) {
      unfunded.push(c);
      continue;
    }
    const repay = c.maxRepay < budget ? c.maxRepay : budget;
    const value = opts.value(c, repay);
    if (value === null || value < opts.minProfitUsd) {
      unprofitable.push({ candidate: c, value });
      continue;
    }
    if (liquidations.length >= opts.maxPerPass) {
      capped.push(c);
      continue;
    }
    left.set(base.toLowerCase(), budget - repay);
    liquidations.push({ candidate: c, base, repay, value });
  }
  return { liquidations, unfunded, unprofitable, capped, later };
}

/**
 * Whether the claims held are worth a Release (pure): their value at the oracle (rounded down) reaches `minUsd` and
 * `feeMultiple` times the Release's fee. Null price (unknown): not redeemed (the claims keep; a later pass retries).
 */
export function redeemWorthIt(
  held: { amount: bigint; price: bigint | null; decimals: number },
  fee: bigint,
  nativePrice: bigint | null,
  rule: { minUsd: bigint; feeMultiple: bigint },
): boolean {
  if (held.amount === 0n || held.price === null || nativePrice === null) return false;
  const value = valueDown(held.amount, held.price, held.decimals);
  return value >= rule.minUsd && value >= rule.feeMultiple * gasCostUsd(fee, 1n, nativePrice);
}

/** What the claim stage talks to: reads, and the keeper's send-and-confirm (agents/keeper-send.ts) at its fees. */
export interface ClaimIO {
  publicClient: PublicClient;
  account: { address: Address };
  send: (call: Omit<TxCall, "gas">) => Promise<TransactionReceipt>;
}

/** The keeper's balance of each base asset of `markets` (lower-case address). */
export async function readBaseBalances(io: Pick<ClaimIO, "publicClient" | "account">, bases: readonly Address[]) {
  const out = new Map<string, bigint>();
  for (const base of new Set(bases.map((b) => b.toLowerCase() as Address)))
    out.set(base, await io.publicClient.readContract({ address: base, abi: erc20Abi, functionName: "balanceOf", args: [io.account.address] }));
  return out;
}

/** The gateway's quoted Release fee (native wei) for each claim of `xc`, by lower-case claim. */
export async function quoteReleaseFees(io: Pick<ClaimIO, "publicClient" | "account">, xc: CrossChainDeployment, amount = 1n) {
  const out = new Map<string, bigint>();
  for (const claim of new Set(xc.gateway.claims.map((c) => c.claim)))
    out.set(
      claim.toLowerCase(),
      await io.publicClient.readContract({
        address: xc.gateway.gateway,
        abi: collateralGatewayAbi,
        functionName: "quoteRelease",
        args: [claim, amount, io.account.address],
      }),
    );
  return out;
}

/**
 * Liquidates each planned claim liquidation in turn (approving the market for the base once), each mined before the
 * next is sent: it runs on the state the last one left. Returns the vaults liquidated with their receipts' gas; a
 * refusal is reported and the rest go on (a vault no longer liquidatable, as KeelLiquidator skips it, as
 * "claim-liquidation-skipped"). `settled` is called for each planned liquidation once it is mined or has failed.
 */
export async function liquidateClaims(
  io: ClaimIO,
  planned: readonly ClaimLiquidation[],
  report: (event: "claim-liquidated" | "claim-liquidation-skipped" | "claim-liquidation-failed", fields: Record<string, unknown>) => void,
  settled: (l: ClaimLiquidation) => void = () => {},
) {
  const done: { market: Address; id: bigint; repaid: bigint; seized: bigint; block: bigint; gasUsed: bigint }[] = [];
  for (const l of planned) {
    const { candidate: c, base, repay } = l;
    try {
      const allowance = await io.publicClient.readContract({
        address: base,
        abi: erc20Abi,
        functionName: "allowance",
        args: [io.account.address, c.market],
      });
      // The market pulls base only from its caller, inside the caller's own repay or liquidate.
      if (allowance < repay) await io.send({ address: base, abi: erc20Abi, functionName: "approve", args: [c.market, maxUint256] });
      // minSeized 0: the market prices the seizure at the oracle with its discount (no pool, no slippage).
      const receipt = await io.send({
        address: c.market,
        abi: keelMarketCallAbi as Abi,
        functionName: "liquidate",
        args: [c.id, c.collateral, repay, 0n],
      });
      let repaid = 0n;
      let seized = 0n;
      for (const log of receipt.logs) {
        if (!sameAddress(log.address, c.market)) continue;
        try {
          const ev = decodeEventLog({ abi: keelMarketAbi, data: log.data, topics: log.topics });
          if (ev.eventName === "Liquidated") ({ repaid, seized } = ev.args as unknown as { repaid: bigint; seized: bigint });
        } catch {
          // another event of the market
        }
      }
      done.push({ market: c.market, id: c.id, repaid, seized, block: receipt.blockNumber, gasUsed: receipt.gasUsed });
      report("claim-liquidated", {
        market: c.market,
        id: c.id,
        claim: c.collateral,
        repaid,
        seized,
        gasUsed: receipt.gasUsed,
        hash: receipt.transactionHash,
      });
    } catch (e) {
      // Liquidated a scan ago (a re-priced scan still sees it) or by a competitor: KeelLiquidator's rule, not a failure.
      const event = isGone(revertData(e)) ? "claim-liquidation-skipped" : "claim-liquidation-failed";
      report(event, { market: c.market, id: c.id, claim: c.collateral, error: describeError(e) });
    } finally {
      settled(l);
    }
  }
  return done;
}

/**
 * Redeems the claims of `xc` the keeper holds that are worth a Release (`worthIt`, given the amount and the quoted
 * fee): burned on this chain, released to `recipient` (the keeper's address by default) on the outpost's chain once
 * Hyperlane delivers the Release. The fee is quoted by the gateway and paid with headroom (the hooks refund the
 * excess). Claims not worth it are reported held ("claims-held") and wait for more. Returns the Releases dispatched.
 */
export async function redeemClaims(
  io: ClaimIO,
  xc: CrossChainDeployment,
  worthIt: (claim: Address, amount: bigint, fee: bigint) => boolean,
  report: (event: "claims-redeemed" | "claims-held" | "claim-redeem-failed", fields: Record<string, unknown>) => void,
  recipient: Address = io.account.address,
) {
  const out: { claim: Address; amount: bigint; messageId: Hex; gasUsed: bigint }[] = [];
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
      if (!worthIt(claim, amount, fee)) {
        report("claims-held", { claim, amount, fee });
        continue;
      }
      const call = redeemCall(xc, { claim, amount, recipient, fee });
      const receipt = await io.send({ ...call, abi: call.abi as Abi });
      let messageId: Hex = "0x";
      for (const l of receipt.logs) {
        if (!sameAddress(l.address, xc.gateway.gateway)) continue;
        try {
          const ev = decodeEventLog({ abi: collateralGatewayAbi, data: l.data, topics: l.topics });
          if (ev.eventName === "ReleaseDispatched") messageId = ev.args.messageId;
        } catch {
          // another event
        }
      }
      out.push({ claim, amount, messageId, gasUsed: receipt.gasUsed });
      report("claims-redeemed", {
        claim,
        amount,
        recipient,
        chain: xc.outpost.chainId,
        messageId,
        gasUsed: receipt.gasUsed,
        hash: receipt.transactionHash,
      });
    } catch (e) {
      report("claim-redeem-failed", { claim, error: describeError(e) });
    }
  }
  return out;
}
