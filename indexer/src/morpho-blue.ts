/**
 * Morpho Blue: every market's totals and every position's shares and collateral kept from the singleton's events with
 * Morpho's own integer arithmetic (Morpho.sol: a repay or liquidation floors the borrowed assets at zero; bad debt
 * leaves both sides; an accrual adds the interest to both and the fee shares to the supply), so the rows equal
 * `market(id)` and `position(id, account)` at the indexed block. The fee recipient's fee shares (no event names them)
 * are counted in the market's supply shares only. A timeline row carries the position's health factor after the event:
 * lib/protocols/morpho-blue/math.ts `healthOf` its collateral and debt (rounded up) at the market oracle's price read at
 * the event's block.
 */
import { ponder, type Context, type Event } from "ponder:registry";
import { BaseError, ContractFunctionRevertedError } from "viem";
import { toAssetsUp } from "../../lib/engine/shares";
import { morphoOracleAbi } from "../../lib/protocols/morpho-blue/abi";
import { healthOf } from "../../lib/protocols/morpho-blue/math";
import { recordLendingEvent, updateMarket, updatePosition, type At } from "./lending";
import { follows } from "./sources";

type Hex = `0x${string}`;
const at = (e: Event): At => ({ block: e.block.number, timestamp: e.block.timestamp });
const zeroFloorSub = (x: bigint, y: bigint) => (x > y ? x - y : 0n);
const marketOf = (context: Context, event: Event, id: Hex) => ({
  chainId: context.chain.id,
  protocol: "morpho-blue" as const,
  venue: event.log.address,
  market: id,
});

type Change = Parameters<typeof updatePosition>[4];

/**
 * The account's row changed by `change`, and the event on its timeline with its collateral, debt (assets, rounded up as
 * Morpho does) and health factor after (null without debt, or when the oracle reverts at that block).
 */
async function record(
  event: Event,
  context: Context,
  m: { totalBorrowAssets: bigint; totalBorrowShares: bigint },
  x: {
    kind: string;
    id: Hex;
    account: Hex;
    token: Hex;
    amount: bigint;
    shares?: bigint;
    actor: Hex | null;
    seizedToken?: Hex;
    seized?: bigint;
    badDebt?: bigint;
  },
  change: Change,
) {
  const p = await updatePosition(
    context.db,
    { chainId: context.chain.id, protocol: "morpho-blue", market: x.id, account: x.account },
    at(event),
    x.kind === "SupplyCollateral" || x.kind === "Borrow",
    change,
  );
  const debtAfter = toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
  let healthAfter: bigint | null = null;
  if (debtAfter > 0n) {
    const { oracle, lltv } = await paramsOf(context, event, x.id);
    const price = await oraclePrice(context, oracle);
    healthAfter = price === null ? null : healthOf(p.collateral, debtAfter, price, lltv);
  }
  await recordLendingEvent(context.db, {
    id: `${context.chain.id}:${event.id}`,
    venueMarket: x.id,
    chainId: context.chain.id,
    protocol: "morpho-blue",
    market: x.id,
    account: x.account,
    kind: x.kind,
    token: x.token,
    amount: x.amount,
    shares: x.shares ?? null,
    seizedToken: x.seizedToken ?? null,
    seized: x.seized ?? null,
    badDebt: x.badDebt ?? null,
    actor: x.actor,
    healthAfter,
    collateralAfter: p.collateral,
    debtAfter,
    block: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
}

/** The market oracle's price at the event's block (Ponder's client reads there); null when the oracle reverts. */
async function oraclePrice(context: Context, oracle: Hex): Promise<bigint | null> {
  try {
    return await context.client.readContract({ address: oracle, abi: morphoOracleAbi, functionName: "price" });
  } catch (e) {
    if (e instanceof BaseError && e.walk((x) => x instanceof ContractFunctionRevertedError)) return null;
    throw e;
  }
}

/** A market's immutable parameters, kept from CreateMarket (read back with `idToMarketParams` after a restart). */
interface Params {
  loan: Hex;
  collateral: Hex;
  oracle: Hex;
  lltv: bigint;
}
const paramsByMarket = new Map<string, Params>();
async function paramsOf(context: Context, event: Event, id: Hex): Promise<Params> {
  const key = `${context.chain.id}:${id}`;
  let t = paramsByMarket.get(key);
  if (!t) {
    const [loan, collateral, oracle, , lltv] = await context.client.readContract({
      address: event.log.address,
      abi: [
        {
          type: "function",
          name: "idToMarketParams",
          stateMutability: "view",
          inputs: [{ name: "id", type: "bytes32" }],
          outputs: [
            { name: "loanToken", type: "address" },
            { name: "collateralToken", type: "address" },
            { name: "oracle", type: "address" },
            { name: "irm", type: "address" },
            { name: "lltv", type: "uint256" },
          ],
        },
      ] as const,
      functionName: "idToMarketParams",
      args: [id],
    });
    t = { loan, collateral, oracle, lltv };
    paramsByMarket.set(key, t);
  }
  return t;
}

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:CreateMarket", async ({ event, context }) => {
    const { id, marketParams } = event.args;
    paramsByMarket.set(`${context.chain.id}:${id}`, {
      loan: marketParams.loanToken,
      collateral: marketParams.collateralToken,
      oracle: marketParams.oracle,
      lltv: marketParams.lltv,
    });
    await updateMarket(context.db, marketOf(context, event, id), at(event), () => ({}));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:AccrueInterest", async ({ event, context }) => {
    const { id, prevBorrowRate, interest, feeShares } = event.args;
    await updateMarket(context.db, marketOf(context, event, id), at(event), (m) => ({
      totalBorrowAssets: m.totalBorrowAssets + interest,
      totalSupplyAssets: m.totalSupplyAssets + interest,
      totalSupplyShares: m.totalSupplyShares + feeShares,
      interestSum: m.interestSum + interest,
      borrowRate: prevBorrowRate,
    }));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:Supply", async ({ event, context }) => {
    const { id, caller, onBehalf, assets, shares } = event.args;
    const m = await updateMarket(context.db, marketOf(context, event, id), at(event), (r) => ({
      totalSupplyAssets: r.totalSupplyAssets + assets,
      totalSupplyShares: r.totalSupplyShares + shares,
      suppliedSum: r.suppliedSum + assets,
    }));
    const { loan } = await paramsOf(context, event, id);
    await record(event, context, m, { kind: "Supply", id, account: onBehalf, token: loan, amount: assets, shares, actor: caller }, (p) => ({
      supplyShares: p.supplyShares + shares,
    }));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:Withdraw", async ({ event, context }) => {
    const { id, caller, onBehalf, assets, shares } = event.args;
    const m = await updateMarket(context.db, marketOf(context, event, id), at(event), (r) => ({
      totalSupplyAssets: r.totalSupplyAssets - assets,
      totalSupplyShares: r.totalSupplyShares - shares,
      withdrawnSum: r.withdrawnSum + assets,
    }));
    const { loan } = await paramsOf(context, event, id);
    await record(event, context, m, { kind: "Withdraw", id, account: onBehalf, token: loan, amount: assets, shares, actor: caller }, (p) => ({
      supplyShares: p.supplyShares - shares,
    }));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:Borrow", async ({ event, context }) => {
    const { id, caller, onBehalf, assets, shares } = event.args;
    const m = await updateMarket(context.db, marketOf(context, event, id), at(event), (r) => ({
      totalBorrowAssets: r.totalBorrowAssets + assets,
      totalBorrowShares: r.totalBorrowShares + shares,
      borrowedSum: r.borrowedSum + assets,
    }));
    const { loan } = await paramsOf(context, event, id);
    await record(event, context, m, { kind: "Borrow", id, account: onBehalf, token: loan, amount: assets, shares, actor: caller }, (p) => ({
      borrowShares: p.borrowShares + shares,
    }));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:Repay", async ({ event, context }) => {
    const { id, caller, onBehalf, assets, shares } = event.args;
    const m = await updateMarket(context.db, marketOf(context, event, id), at(event), (r) => ({
      totalBorrowAssets: zeroFloorSub(r.totalBorrowAssets, assets),
      totalBorrowShares: r.totalBorrowShares - shares,
      repaidSum: r.repaidSum + assets,
    }));
    const { loan } = await paramsOf(context, event, id);
    await record(event, context, m, { kind: "Repay", id, account: onBehalf, token: loan, amount: assets, shares, actor: caller }, (p) => ({
      borrowShares: p.borrowShares - shares,
    }));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:SupplyCollateral", async ({ event, context }) => {
    const { id, caller, onBehalf, assets } = event.args;
    const m = await updateMarket(context.db, marketOf(context, event, id), at(event), (r) => ({
      totalCollateral: r.totalCollateral + assets,
      collateralSuppliedSum: r.collateralSuppliedSum + assets,
    }));
    const { collateral } = await paramsOf(context, event, id);
    await record(event, context, m, { kind: "SupplyCollateral", id, account: onBehalf, token: collateral, amount: assets, actor: caller }, (p) => ({
      collateral: p.collateral + assets,
    }));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:WithdrawCollateral", async ({ event, context }) => {
    const { id, caller, onBehalf, assets } = event.args;
    const m = await updateMarket(context.db, marketOf(context, event, id), at(event), (r) => ({
      totalCollateral: r.totalCollateral - assets,
      collateralWithdrawnSum: r.collateralWithdrawnSum + assets,
    }));
    const { collateral } = await paramsOf(context, event, id);
    await record(event, context, m, { kind: "WithdrawCollateral", id, account: onBehalf, token: collateral, amount: assets, actor: caller }, (p) => ({
      collateral: p.collateral - assets,
    }));
  });

if (follows("MorphoBlue"))
  ponder.on("MorphoBlue:Liquidate", async ({ event, context }) => {
    const { id, caller, borrower, repaidAssets, repaidShares, seizedAssets, badDebtAssets, badDebtShares } = event.args;
    // Morpho.liquidate: shares and (floored) assets repaid, then — when no collateral is left — the bad debt off both sides.
    const m = await updateMarket(context.db, marketOf(context, event, id), at(event), (r) => ({
      totalBorrowShares: r.totalBorrowShares - repaidShares - badDebtShares,
      totalBorrowAssets: zeroFloorSub(r.totalBorrowAssets, repaidAssets) - badDebtAssets,
      totalSupplyAssets: r.totalSupplyAssets - badDebtAssets,
      totalCollateral: r.totalCollateral - seizedAssets,
      liquidatedDebtSum: r.liquidatedDebtSum + repaidAssets,
      seizedSum: r.seizedSum + seizedAssets,
      badDebtSum: r.badDebtSum + badDebtAssets,
    }));
    const { loan, collateral } = await paramsOf(context, event, id);
    await record(
      event,
      context,
      m,
      {
        kind: "Liquidate",
        id,
        account: borrower,
        token: loan,
        amount: repaidAssets,
        shares: repaidShares,
        actor: caller,
        seizedToken: collateral,
        seized: seizedAssets,
        badDebt: badDebtAssets,
      },
      (p) => ({ borrowShares: p.borrowShares - repaidShares - badDebtShares, collateral: p.collateral - seizedAssets }),
    );
  });
