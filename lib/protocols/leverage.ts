/**
 * Multiply on Aave v3 and Morpho Blue: a protocol position seen as a lib/engine/risk.ts position for one collateral / debt
 * pair, so lib/engine/leverage.ts plans it (no formula twice); the authorisation steps each protocol's router needs, with the
 * transaction that grants and the one that revokes each; and the router call for a plan. No React here.
 */
import { encodeFunctionData, erc20Abi, type Abi, type Address } from "viem";
import { aaveLeverageRouterAbi } from "../../contracts-abi/abi/AaveLeverageRouter";
import { morphoLeverageRouterAbi } from "../../contracts-abi/abi/MorphoLeverageRouter";
import { leverageOf, maxLeverage, planClose, planLeverage, type LeverageContext, type LeveragePlan, type Pool } from "../engine/leverage";
import { vaultRisk, type CollateralPosition, type VaultPosition } from "../engine/risk";
import { WAD } from "../engine/math";
import type { AavePosition } from "./aave-v3/math";
import { marketNow, type MorphoPosition } from "./morpho-blue/math";
import type { OraclePrice, TxRequest } from "./types";
import { sameAddress } from "../config/address";
import { positionAfter } from "./preview";

export type LeveragePosition = AavePosition | MorphoPosition;

/** The collateral bought or sold and the asset borrowed or repaid (Morpho: the market's own pair). */
export interface LeveragePair {
  collateral: Address;
  debt: Address;
}

/** The routers' widest oracle bound (LeverageRouterBase.MAX_ORACLE_SLIPPAGE_BPS). */
export const MAX_ORACLE_BOUND_BPS = 1_000n;
/** How far the pool may sit from the protocol's oracle before the router refuses the swap, on top of fee and impact. */
export const ORACLE_GAP_BPS = 50n;
/** Aave credit delegation and aToken allowances are granted with this slack over the amount (interest until mining). */
export const ALLOWANCE_SLACK_BPS = 10n;
const BPS = 10_000n;

/** An OraclePrice as lib/engine/risk.ts's WAD price of one whole token (rounded down). */
const wadPrice = (p: OraclePrice) => (p.value * WAD) / 10n ** BigInt(p.decimals);

/** The pair a Morpho position levers: its market's collateral and loan tokens. */
export function morphoPair(p: MorphoPosition): LeveragePair {
  return { collateral: p.state.collateralToken.address, debt: p.state.loanToken.address };
}

/**
 * The position as lib/engine/risk.ts sees it, for `pair`: every enabled collateral (each with the LTV and liquidation
 * threshold in force for the account) and one debt in the pair's debt asset — other debts of an Aave account are
 * folded into it at the oracle's prices (rounded up), so health and leverage count them. Morpho's borrow shares come
 * along: Morpho's virtual shares are Keel's, so previews round debt as Morpho does.
 */
export function toVaultPosition(p: LeveragePosition, pair: LeveragePair): VaultPosition {
  const debtToken = p.protocol === "morpho-blue" ? p.state.loanToken : p.state.reserves.find((r) => sameAddress(r.token.address, pair.debt))?.token;
  if (!debtToken) throw new Error(`${pair.debt} is not a reserve of this Aave pool.`);
  const debtPrice: OraclePrice =
    p.protocol === "morpho-blue"
      ? { value: WAD, decimals: 18 }
      : { value: p.state.reserves.find((r) => sameAddress(r.token.address, pair.debt))!.price, decimals: p.valueUnit.decimals };
  const collaterals: CollateralPosition[] = p.collaterals
    .filter((c) => c.enabled)
    .map((c) => ({
      asset: c.token.address,
      decimals: c.token.decimals,
      amount: c.amount,
      price: wadPrice(c.price),
      ltv: c.ltv,
      liquidationThreshold: c.liquidationThreshold,
    }));
  if (!collaterals.some((c) => sameAddress(c.asset, pair.collateral))) {
    // Not held yet: present at zero with the reserve's parameters, so the plan can buy it.
    const t = p.protocol === "morpho-blue" ? null : p.state.reserves.find((r) => sameAddress(r.token.address, pair.collateral));
    if (p.protocol === "morpho-blue") {
      const s = p.state;
      collaterals.push({
        asset: s.collateralToken.address,
        decimals: s.collateralToken.decimals,
        amount: 0n,
        price: wadPrice({ value: s.price, decimals: 36 + s.loanToken.decimals - s.collateralToken.decimals }),
        ltv: s.params.lltv,
        liquidationThreshold: s.params.lltv,
      });
    } else {
      if (!t) throw new Error(`${pair.collateral} is not a reserve of this Aave pool.`);
      const bpsToWad = WAD / BPS;
      const inEMode = p.state.eModeCategory !== 0 && t.eModeCategoryId === p.state.eModeCategory;
      collaterals.push({
        asset: t.token.address,
        decimals: t.token.decimals,
        amount: 0n,
        price: wadPrice({ value: t.price, decimals: p.valueUnit.decimals }),
        ltv: (inEMode ? t.eModeLtv : t.ltv) * bpsToWad,
        liquidationThreshold: (inEMode ? t.eModeLiquidationThreshold : t.liquidationThreshold) * bpsToWad,
      });
    }
  }
  const own = p.debts.find((d) => sameAddress(d.token.address, pair.debt))?.amount ?? 0n;
  const othersValue = p.debts.filter((d) => !sameAddress(d.token.address, pair.debt)).reduce((sum, d) => sum + d.value, 0n);
  // Other debts' value (the value unit) in units of the pair's debt asset, rounded up (Aave only: Morpho has one debt).
  const unit = 10n ** BigInt(debtToken.decimals);
  const folded = othersValue === 0n ? 0n : (othersValue * unit + debtPrice.value - 1n) / debtPrice.value;
  const vault: VaultPosition = { collaterals, debt: own + folded, baseDecimals: debtToken.decimals, basePrice: wadPrice(debtPrice) };
  if (p.protocol === "morpho-blue") {
    const m = marketNow(p.state);
    vault.shares = { debtShares: p.state.position.borrowShares, totalBorrowAssets: m.totalBorrowAssets, totalBorrowShares: m.totalBorrowShares };
  }
  return vault;
}

/**
 * The position after `plan` as the protocol books it (lib/protocols/preview.ts `positionAfter`): the pair's collateral
 * supplied or withdrawn, and the pair's own debt borrowed or repaid, by what the plan changes — the account's other
 * collateral and debts stay as they are. Its figures (liquidation price, health) are then the position card's
 * (lib/protocols/view.ts `positionView`), other debts counted at their own prices rather than folded at today's.
 */
export function positionAfterPlan(p: LeveragePosition, pair: LeveragePair, plan: LeveragePlan): LeveragePosition {
  const held = p.collaterals.find((c) => sameAddress(c.token.address, pair.collateral))?.amount ?? 0n;
  const own = p.debts.find((d) => sameAddress(d.token.address, pair.debt))?.amount ?? 0n;
  const folded = toVaultPosition(p, pair).debt - own;
  const collateral = plan.after.collaterals.find((c) => sameAddress(c.asset, pair.collateral))?.amount ?? 0n;
  const debt = plan.after.debt > folded ? plan.after.debt - folded : 0n;
  let q: LeveragePosition = p;
  if (collateral > held) q = positionAfter(q, "supply", pair.collateral, collateral - held) as LeveragePosition;
  if (debt > own) q = positionAfter(q, "borrow", pair.debt, debt - own) as LeveragePosition;
  if (debt < own) q = positionAfter(q, "repay", pair.debt, own - debt) as LeveragePosition;
  if (collateral < held) q = positionAfter(q, "withdraw", pair.collateral, held - collateral) as LeveragePosition;
  return q;
}

/** What lib/engine/leverage.ts needs besides the position: the pool, the lender's flash fee and cash, the user's slippage. */
export interface ProtocolLeverageInputs {
  pool: Pool;
  slippageBps: bigint;
  /** Aave: FLASHLOAN_PREMIUM_TOTAL (bps); Morpho: 0 (its flash loans are free). */
  flashFeeBps: bigint;
}

/** The flash lender's cash: what Morpho's market or Aave's reserve holds of the debt asset. */
export function flashCash(p: LeveragePosition, pair: LeveragePair): bigint {
  if (p.protocol === "morpho-blue") {
    const m = marketNow(p.state);
    return m.totalSupplyAssets - m.totalBorrowAssets;
  }
  return p.state.reserves.find((r) => sameAddress(r.token.address, pair.debt))?.availableLiquidity ?? 0n;
}

export function leverageContext(p: LeveragePosition, pair: LeveragePair, inputs: ProtocolLeverageInputs): LeverageContext {
  return {
    position: toVaultPosition(p, pair),
    collateral: pair.collateral,
    pool: inputs.pool,
    flashFeeBps: inputs.flashFeeBps,
    slippageBps: inputs.slippageBps,
    cash: flashCash(p, pair),
  };
}

/** lib/engine/leverage.ts's plans for a protocol position. */
export const planProtocolLeverage = (
  p: LeveragePosition,
  pair: LeveragePair,
  inputs: ProtocolLeverageInputs,
  deposit: bigint,
  target: bigint,
): LeveragePlan => planLeverage(leverageContext(p, pair, inputs), deposit, target);
export const planProtocolClose = (p: LeveragePosition, pair: LeveragePair, inputs: ProtocolLeverageInputs): LeveragePlan => {
  // Close repays the pair's own debt only (other Aave debts stay): plan it without the folded debts.
  const ctx = leverageContext(p, pair, inputs);
  const own = p.debts.find((d) => sameAddress(d.token.address, pair.debt))?.amount ?? 0n;
  const plan = planClose({ ...ctx, position: { ...ctx.position, debt: own } });
  // The router withdraws the pair's collateral only: on Aave the account's other collateral and its other debts (folded
  // into the pair's debt asset) stay, and the preview's health and leverage after are theirs. On Morpho, and on an Aave
  // account with nothing else, that leaves nothing (planClose's own `after`).
  const after: VaultPosition = {
    ...plan.after,
    collaterals: ctx.position.collaterals.map((c) => (sameAddress(c.asset, pair.collateral) ? { ...c, amount: 0n } : c)),
    debt: ctx.position.debt - own,
  };
  return { ...plan, after, risk: vaultRisk(after), leverage: leverageOf(after) };
};
export const maxProtocolLeverage = (p: LeveragePosition, pair: LeveragePair, inputs: ProtocolLeverageInputs, deposit: bigint): bigint =>
  maxLeverage(leverageContext(p, pair, inputs), deposit);

/**
 * The oracle bound the router call carries (bps below the protocol oracle's value the swap may pay): the pool's fee,
 * the plan's price impact, the user's slippage and ORACLE_GAP_BPS for the pool sitting off the oracle, at most
 * MAX_ORACLE_BOUND_BPS.
 */
export function oracleBoundBps(plan: LeveragePlan, slippageBps: bigint): bigint {
  const impact = BigInt(Math.ceil(plan.priceImpact * 10_000));
  const bound = 30n + impact + slippageBps + ORACLE_GAP_BPS;
  return bound > MAX_ORACLE_BOUND_BPS ? MAX_ORACLE_BOUND_BPS : bound;
}

/** One permission the owner grants a router, with the transaction that grants it and the one that takes it back. */
export interface LeverageGrant {
  kind: "morphoAuthorization" | "aaveCreditDelegation" | "aaveATokenAllowance" | "depositApproval";
  /** The contract the permission lives on (Morpho, the variable debt token, the aToken, the collateral token). */
  on: Address;
  /** Amount needed by this plan (null: a yes/no authorisation). */
  needed: bigint | null;
  description: string;
  grant: TxRequest;
  revoke: TxRequest;
}

/** What the owner has granted the router now (read by the app; see `grantReads`). */
export interface GrantState {
  morphoAuthorized?: boolean;
  creditDelegation?: bigint;
  aTokenAllowance?: bigint;
  depositAllowance?: bigint;
}

const withSlack = (x: bigint) => x + (x * ALLOWANCE_SLACK_BPS + BPS - 1n) / BPS;
const approveTx = (token: Address, spender: Address, amount: bigint, description: string): TxRequest => ({
  to: token,
  data: encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [spender, amount] }),
  description,
});

const delegationAbi = [
  {
    type: "function",
    name: "approveDelegation",
    stateMutability: "nonpayable",
    inputs: [
      { name: "delegatee", type: "address" },
      { name: "amount", type: "uint256" },
    ],
    outputs: [],
  },
  {
    type: "function",
    name: "borrowAllowance",
    stateMutability: "view",
    inputs: [
      { name: "fromUser", type: "address" },
      { name: "toUser", type: "address" },
    ],
    outputs: [{ type: "uint256" }],
  },
] as const;
const morphoAuthAbi = [
  {
    type: "function",
    name: "setAuthorization",
    stateMutability: "nonpayable",
    inputs: [
      { name: "authorized", type: "address" },
      { name: "newIsAuthorized", type: "bool" },
    ],
    outputs: [],
  },
  {
    type: "function",
    name: "isAuthorized",
    stateMutability: "view",
    inputs: [
      { name: "authorizer", type: "address" },
      { name: "authorized", type: "address" },
    ],
    outputs: [{ type: "bool" }],
  },
] as const;

function aaveReserve(p: AavePosition, asset: Address) {
  const r = p.state.reserves.find((x) => sameAddress(x.token.address, asset));
  if (!r) throw new Error(`${asset} is not a reserve of this Aave pool.`);
  return r;
}

/** Every permission a router can hold on this position, whether or not a plan needs it now (for the revoke list). */
export function allGrants(p: LeveragePosition, pair: LeveragePair, router: Address): LeverageGrant[] {
  const dep = (symbol: string): LeverageGrant => ({
    kind: "depositApproval",
    on: pair.collateral,
    needed: 0n,
    description: `Let the router take your ${symbol} deposit`,
    grant: approveTx(pair.collateral, router, 0n, `Approve ${symbol} for the router`),
    revoke: approveTx(pair.collateral, router, 0n, `Revoke the router's ${symbol} allowance`),
  });
  if (p.protocol === "morpho-blue") {
    const morpho = p.state.morpho;
    return [
      {
        kind: "morphoAuthorization",
        on: morpho,
        needed: null,
        description: "Authorise the router on Morpho to borrow and withdraw collateral for you (setAuthorization)",
        grant: {
          to: morpho,
          data: encodeFunctionData({ abi: morphoAuthAbi, functionName: "setAuthorization", args: [router, true] }),
          description: "Authorise the router on Morpho",
        },
        revoke: {
          to: morpho,
          data: encodeFunctionData({ abi: morphoAuthAbi, functionName: "setAuthorization", args: [router, false] }),
          description: "Revoke the router's Morpho authorisation",
        },
      },
      dep(p.state.collateralToken.symbol),
    ];
  }
  const debt = aaveReserve(p, pair.debt);
  const col = aaveReserve(p, pair.collateral);
  return [
    {
      kind: "aaveCreditDelegation",
      on: debt.variableDebtToken,
      needed: 0n,
      description: `Delegate ${debt.token.symbol} credit to the router (approveDelegation on the variable debt token)`,
      grant: {
        to: debt.variableDebtToken,
        data: encodeFunctionData({ abi: delegationAbi, functionName: "approveDelegation", args: [router, 0n] }),
        description: `Delegate ${debt.token.symbol} credit to the router`,
      },
      revoke: {
        to: debt.variableDebtToken,
        data: encodeFunctionData({ abi: delegationAbi, functionName: "approveDelegation", args: [router, 0n] }),
        description: `Revoke the router's ${debt.token.symbol} credit delegation`,
      },
    },
    {
      kind: "aaveATokenAllowance",
      on: col.aToken,
      needed: 0n,
      description: `Let the router take a${col.token.symbol} to sell when lowering or closing (aToken allowance)`,
      grant: approveTx(col.aToken, router, 0n, `Approve a${col.token.symbol} for the router`),
      revoke: approveTx(col.aToken, router, 0n, `Revoke the router's a${col.token.symbol} allowance`),
    },
    dep(col.token.symbol),
  ];
}

/** One view call (readContract's parameters). */
export interface GrantRead {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/** The reads behind GrantState, one readContract each, keyed by GrantState's fields. */
export function grantReads(p: LeveragePosition, pair: LeveragePair, router: Address): Partial<Record<keyof GrantState, GrantRead>> {
  const owner = p.owner;
  const deposit = { address: pair.collateral, abi: erc20Abi, functionName: "allowance", args: [owner, router] } as const;
  if (p.protocol === "morpho-blue") {
    return {
      morphoAuthorized: { address: p.state.morpho, abi: morphoAuthAbi, functionName: "isAuthorized", args: [owner, router] } as const,
      depositAllowance: deposit,
    };
  }
  return {
    creditDelegation: {
      address: aaveReserve(p, pair.debt).variableDebtToken,
      abi: delegationAbi,
      functionName: "borrowAllowance",
      args: [owner, router],
    } as const,
    aTokenAllowance: { address: aaveReserve(p, pair.collateral).aToken, abi: erc20Abi, functionName: "allowance", args: [owner, router] } as const,
    depositAllowance: deposit,
  };
}

/** Whether a grant is in force (the revoke list shows those). */
export function isGranted(g: LeverageGrant, s: GrantState): boolean {
  switch (g.kind) {
    case "morphoAuthorization":
      return s.morphoAuthorized === true;
    case "aaveCreditDelegation":
      return (s.creditDelegation ?? 0n) > 0n;
    case "aaveATokenAllowance":
      return (s.aTokenAllowance ?? 0n) > 0n;
    case "depositApproval":
      return (s.depositAllowance ?? 0n) > 0n;
  }
}

/** The collateral an Aave close takes: the whole aToken balance, with slack for interest until mining. */
function aaveCloseCollateral(p: AavePosition, pair: LeveragePair) {
  return p.collaterals.find((c) => sameAddress(c.token.address, pair.collateral))?.amount ?? 0n;
}

/**
 * The transactions for a plan, in order: each missing permission (exact amounts; Aave's with ALLOWANCE_SLACK_BPS for
 * interest until mining), then the one router call. Throws with a sentence when the plan has a problem.
 */
export function leverageTransactions(
  p: LeveragePosition,
  pair: LeveragePair,
  router: Address,
  plan: LeveragePlan,
  slippageBps: bigint,
  state: GrantState,
): { steps: TxRequest[]; grants: LeverageGrant[] } {
  if (plan.problem) throw new Error(plan.problem.message);
  const bps = oracleBoundBps(plan, slippageBps);
  const grants: LeverageGrant[] = [];
  const templates = allGrants(p, pair, router);
  const take = (kind: LeverageGrant["kind"], needed: bigint | null, have: boolean) => {
    const g = templates.find((t) => t.kind === kind)!;
    if (have) return;
    if (needed === null) {
      grants.push(g);
      return;
    }
    const args =
      g.kind === "aaveCreditDelegation"
        ? encodeFunctionData({ abi: delegationAbi, functionName: "approveDelegation", args: [router, needed] })
        : encodeFunctionData({ abi: erc20Abi, functionName: "approve", args: [router, needed] });
    grants.push({ ...g, needed, grant: { ...g.grant, data: args } });
  };
  if (plan.kind === "increase" && plan.deposit > 0n) take("depositApproval", plan.deposit, (state.depositAllowance ?? 0n) >= plan.deposit);
  const borrows = plan.kind === "increase" && plan.flashAmount > 0n;
  if (p.protocol === "morpho-blue") {
    if (borrows || plan.kind !== "increase") take("morphoAuthorization", null, state.morphoAuthorized === true);
  } else {
    if (borrows && plan.kind === "increase") {
      const owed = withSlack(plan.flashAmount + plan.flashFee);
      take("aaveCreditDelegation", owed, (state.creditDelegation ?? 0n) >= plan.flashAmount + plan.flashFee);
    }
    if (plan.kind === "decrease") take("aaveATokenAllowance", plan.collateralToSell, (state.aTokenAllowance ?? 0n) >= plan.collateralToSell);
    if (plan.kind === "close") {
      const all = aaveCloseCollateral(p, pair);
      take("aaveATokenAllowance", withSlack(all), (state.aTokenAllowance ?? 0n) >= withSlack(all));
    }
  }
  return { grants, steps: [...grants.map((g) => g.grant), routerCall(p, pair, router, plan, bps)] };
}

/** The router call that executes `plan` with the oracle bound `bps`. */
export function routerCall(p: LeveragePosition, pair: LeveragePair, router: Address, plan: LeveragePlan, bps: bigint): TxRequest {
  if (p.protocol === "morpho-blue") {
    const params = p.state.params;
    const data =
      plan.kind === "increase"
        ? encodeFunctionData({
            abi: morphoLeverageRouterAbi,
            functionName: "increase",
            args: [params, plan.deposit, plan.flashAmount, plan.minCollateralOut, bps],
          })
        : plan.kind === "decrease"
          ? encodeFunctionData({
              abi: morphoLeverageRouterAbi,
              functionName: "decrease",
              args: [params, plan.collateralToSell, plan.repayAmount, plan.minBaseOut, bps],
            })
          : encodeFunctionData({ abi: morphoLeverageRouterAbi, functionName: "close", args: [params, plan.maxCollateralIn, bps] });
    return {
      to: router,
      data,
      description: `${plan.kind === "increase" ? "Raise" : plan.kind === "decrease" ? "Lower" : "Close"} leverage on Morpho in one transaction`,
    };
  }
  const data =
    plan.kind === "increase"
      ? encodeFunctionData({
          abi: aaveLeverageRouterAbi,
          functionName: "increase",
          args: [pair.collateral, pair.debt, plan.deposit, plan.flashAmount, plan.minCollateralOut, bps],
        })
      : plan.kind === "decrease"
        ? encodeFunctionData({
            abi: aaveLeverageRouterAbi,
            functionName: "decrease",
            args: [pair.collateral, pair.debt, plan.collateralToSell, plan.repayAmount, plan.minBaseOut, bps],
          })
        : encodeFunctionData({ abi: aaveLeverageRouterAbi, functionName: "close", args: [pair.collateral, pair.debt, plan.maxCollateralIn, bps] });
  return {
    to: router,
    data,
    description: `${plan.kind === "increase" ? "Raise" : plan.kind === "decrease" ? "Lower" : "Close"} leverage on Aave in one transaction`,
  };
}

/** Aave's flash-loan premium (bps), read from the pool: what lib/engine/leverage.ts charges an Aave plan. */
export const aaveFlashPremiumRead = (pool: Address) =>
  ({
    address: pool,
    abi: [{ type: "function", name: "FLASHLOAN_PREMIUM_TOTAL", stateMutability: "view", inputs: [], outputs: [{ type: "uint128" }] }] as const,
    functionName: "FLASHLOAN_PREMIUM_TOTAL",
  }) as const;

/** The router deployed for a position's protocol on its chain, if any. */
export function leverageRouterFor(
  p: Pick<LeveragePosition, "protocol">,
  d: { aaveV3?: { leverageRouter?: Address }; morphoBlue?: { leverageRouter?: Address } } | null | undefined,
): Address | undefined {
  return p.protocol === "aave-v3" ? d?.aaveV3?.leverageRouter : d?.morphoBlue?.leverageRouter;
}

/** Every function a grant or revoke transaction calls (ERC-20 approve, Aave approveDelegation, Morpho setAuthorization). */
export const grantAbi = [...erc20Abi, ...delegationAbi, ...morphoAuthAbi] as const;
