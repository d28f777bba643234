/**
 * The four vault actions' limits and previews, from a lib/engine/risk.ts position: what the amount field checks against
 * (wallet balance, the hard maximum the chain would accept), what Max fills in (within the user's safety buffer), and
 * the state after. No formula lives here: every number comes from lib/risk.ts.
 */
import { applyChange, liquidationPrice, maxBorrow, maxWithdraw, vaultRisk, type VaultPosition, type VaultRisk } from "../engine/risk";
import { WAD } from "../engine/math";
import { sameAddress } from "../config/address";

export type VaultAction = "deposit" | "withdraw" | "borrow" | "repay";

export interface ActionInput {
  action: VaultAction;
  position: VaultPosition;
  /** The collateral for deposit / withdraw. */
  asset?: `0x${string}`;
  /** Wallet balance of the token that leaves the wallet (collateral for deposit, base for repay); undefined without a wallet. */
  walletBalance?: bigint;
  /** Base units the market can lend now. */
  cash?: bigint;
  /** The health factor Max keeps (WAD), the user's safety buffer. */
  minHealth: bigint;
}

export interface ActionLimits {
  /** Checked as "above balance". */
  balance?: bigint;
  /** Checked as "above max": the most the chain accepts (LTV, held amount, debt, liquidity). */
  /** The most the action allows, and why (a code: its words are the message `limits.<reason>`). */
  max?: { value: bigint; reason: LimitReason };
  /** What the Max button fills in: the most within the safety buffer (and the wallet balance). Undefined: no Max (a deposit
   *  or a repay without a wallet, which has no balance to fill from — it filled 0 and said "You have 0"). */
  suggested?: bigint;
  /** Repay only: Max covers the whole debt, so send type(uint256).max ("repay all", exact at execution). */
  repayAll?: boolean;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Why an action has its maximum. */
export type LimitReason = "holdsNone" | "allHeld" | "beyondLtv" | "noLiquidity" | "repaysAll" | "noDebt";

export function actionLimits(i: ActionInput): ActionLimits {
  const { position: v } = i;
  switch (i.action) {
    case "deposit": {
      const balance = i.walletBalance;
      return balance === undefined ? {} : { balance, suggested: balance };
    }
    case "withdraw": {
      const held = v.collaterals.find((c) => sameAddress(c.asset, i.asset))?.amount ?? 0n;
      if (!i.asset || held === 0n) return { max: { value: 0n, reason: "holdsNone" }, suggested: 0n };
      const hard = maxWithdraw(v, i.asset);
      const reason = hard === held ? "allHeld" : "beyondLtv";
      return { max: { value: hard, reason }, suggested: maxWithdraw(v, i.asset, i.minHealth) };
    }
    case "borrow": {
      let hard = maxBorrow(v);
      let reason: LimitReason = "beyondLtv";
      if (i.cash !== undefined && i.cash < hard) {
        hard = i.cash;
        reason = "noLiquidity";
      }
      return { max: { value: hard, reason }, suggested: min(hard, maxBorrow(v, i.minHealth)) };
    }
    case "repay": {
      const balance = i.walletBalance;
      const max = { value: v.debt, reason: "repaysAll" as const };
      if (balance === undefined) return { max: v.debt === 0n ? { value: 0n, reason: "noDebt" } : max };
      if (v.debt === 0n) return { balance, max: { value: 0n, reason: "noDebt" }, suggested: 0n };
      return balance >= v.debt ? { balance, max, suggested: v.debt, repayAll: true } : { balance, max, suggested: balance };
    }
  }
}

export interface Preview {
  after: VaultPosition;
  risk: VaultRisk;
  /** Liquidation price of each collateral after the change (asset → USD per token WAD, 0 when none). */
  liquidationPrices: Map<string, bigint>;
  /** The chain would refuse it: the vault would be beyond its LTV (borrow / withdraw only). */
  beyondLtv: boolean;
  /** The vault would be liquidatable after. */
  liquidatable: boolean;
  /** Health factor after is below the user's warning level (and the vault has debt). */
  belowWarning: boolean;
}

/** The vault after `amount` of `action`, with what the form must warn about or block. */
export function previewAction(v: VaultPosition, action: VaultAction, amount: bigint, warnHealth: bigint, asset?: `0x${string}`): Preview {
  const after =
    action === "deposit" || action === "withdraw"
      ? applyChange(v, { kind: action, asset: asset!, amount })
      : applyChange(v, { kind: action, amount });
  const risk = vaultRisk(after);
  const liquidationPrices = new Map(after.collaterals.map((c) => [c.asset.toLowerCase(), liquidationPrice(after, c.asset)]));
  const increasesRisk = action === "borrow" || action === "withdraw";
  return {
    after,
    risk,
    liquidationPrices,
    beyondLtv: increasesRisk && after.debt > 0n && risk.debtValue > risk.borrowLimitValue,
    liquidatable: after.debt > 0n && risk.healthFactor < WAD,
    belowWarning: after.debt > 0n && risk.healthFactor < warnHealth,
  };
}
