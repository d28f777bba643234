/**
 * Aave v3's pool: every Supply, Withdraw, Borrow, Repay and LiquidationCall on the timeline of the account it is about
 * (with the pool's getUserAccountData at the event's block: health factor, collateral and debt in the base currency),
 * Σ of each flow per reserve, and per ReserveDataUpdated the reserve's indices and rates (the event's) and its aToken
 * and variable debt supplies (read at that block): the reserve's series.
 */
import { ponder, type Context, type Event } from "ponder:registry";
import { erc20Abi } from "viem";
import { aavePoolAbi } from "../../lib/protocols/aave-v3/abi";
import { aaveReserveDataAbi } from "./lending-abi";
import { recordLendingEvent, updateMarket, updatePosition, type At } from "./lending";
import { follows } from "./sources";

type Hex = `0x${string}`;
const at = (e: Event): At => ({ block: e.block.number, timestamp: e.block.timestamp });
const reserveOf = (context: Context, pool: Hex, reserve: Hex) => ({
  chainId: context.chain.id,
  protocol: "aave-v3" as const,
  venue: pool,
  market: reserve,
});

/** The account's health factor (WAD), collateral and debt (base currency) at the end of the event's block. */
async function accountAfter(context: Context, pool: Hex, account: Hex) {
  const [collateralBase, debtBase, , , , healthFactor] = await context.client.readContract({
    address: pool,
    abi: aavePoolAbi,
    functionName: "getUserAccountData",
    args: [account],
  });
  return { collateralBase, debtBase, healthFactor };
}

/** The account's row and its timeline row for one of its events. */
async function record(
  event: Event,
  context: Context,
  x: { kind: string; account: Hex; reserve: Hex; token: Hex; amount: bigint; actor: Hex | null; seizedToken?: Hex; seized?: bigint },
) {
  const pool = event.log.address;
  const after = await accountAfter(context, pool, x.account);
  await updatePosition(
    context.db,
    { chainId: context.chain.id, protocol: "aave-v3", market: pool, account: x.account },
    at(event),
    x.kind === "Supply" || x.kind === "Borrow",
    () => after,
  );
  await recordLendingEvent(context.db, {
    id: `${context.chain.id}:${event.id}`,
    venueMarket: pool,
    chainId: context.chain.id,
    protocol: "aave-v3",
    market: x.reserve,
    account: x.account,
    kind: x.kind,
    token: x.token,
    amount: x.amount,
    seizedToken: x.seizedToken ?? null,
    seized: x.seized ?? null,
    actor: x.actor,
    healthAfter: after.healthFactor,
    collateralAfter: after.collateralBase,
    debtAfter: after.debtBase,
    block: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
}

if (follows("AaveV3Pool"))
  ponder.on("AaveV3Pool:ReserveDataUpdated", async ({ event, context }) => {
    const { reserve, liquidityRate, variableBorrowRate, liquidityIndex, variableBorrowIndex } = event.args;
    const data = await context.client.readContract({
      address: event.log.address,
      abi: aaveReserveDataAbi,
      functionName: "getReserveData",
      args: [reserve],
    });
    const [supplied, borrowed] = await Promise.all(
      [data.aTokenAddress, data.variableDebtTokenAddress].map((address) =>
        context.client.readContract({ address, abi: erc20Abi, functionName: "totalSupply" }),
      ),
    );
    await updateMarket(context.db, reserveOf(context, event.log.address, reserve), at(event), () => ({
      totalSupplyAssets: supplied!,
      totalBorrowAssets: borrowed!,
      liquidityIndex,
      borrowIndex: variableBorrowIndex,
      supplyRate: liquidityRate,
      borrowRate: variableBorrowRate,
    }));
  });

if (follows("AaveV3Pool"))
  ponder.on("AaveV3Pool:Supply", async ({ event, context }) => {
    const { reserve, user, onBehalfOf, amount } = event.args;
    await updateMarket(context.db, reserveOf(context, event.log.address, reserve), at(event), (m) => ({ suppliedSum: m.suppliedSum + amount }));
    await record(event, context, { kind: "Supply", account: onBehalfOf, reserve, token: reserve, amount, actor: user });
  });

if (follows("AaveV3Pool"))
  ponder.on("AaveV3Pool:Withdraw", async ({ event, context }) => {
    const { reserve, user, amount } = event.args;
    await updateMarket(context.db, reserveOf(context, event.log.address, reserve), at(event), (m) => ({ withdrawnSum: m.withdrawnSum + amount }));
    await record(event, context, { kind: "Withdraw", account: user, reserve, token: reserve, amount, actor: user });
  });

if (follows("AaveV3Pool"))
  ponder.on("AaveV3Pool:Borrow", async ({ event, context }) => {
    const { reserve, user, onBehalfOf, amount } = event.args;
    await updateMarket(context.db, reserveOf(context, event.log.address, reserve), at(event), (m) => ({ borrowedSum: m.borrowedSum + amount }));
    await record(event, context, { kind: "Borrow", account: onBehalfOf, reserve, token: reserve, amount, actor: user });
  });

if (follows("AaveV3Pool"))
  ponder.on("AaveV3Pool:Repay", async ({ event, context }) => {
    const { reserve, user, repayer, amount } = event.args;
    await updateMarket(context.db, reserveOf(context, event.log.address, reserve), at(event), (m) => ({ repaidSum: m.repaidSum + amount }));
    await record(event, context, { kind: "Repay", account: user, reserve, token: reserve, amount, actor: repayer });
  });

if (follows("AaveV3Pool"))
  ponder.on("AaveV3Pool:LiquidationCall", async ({ event, context }) => {
    const { collateralAsset, debtAsset, user, debtToCover, liquidatedCollateralAmount, liquidator } = event.args;
    const pool = event.log.address;
    await updateMarket(context.db, reserveOf(context, pool, debtAsset), at(event), (m) => ({ liquidatedDebtSum: m.liquidatedDebtSum + debtToCover }));
    await updateMarket(context.db, reserveOf(context, pool, collateralAsset), at(event), (m) => ({
      seizedSum: m.seizedSum + liquidatedCollateralAmount,
    }));
    await record(event, context, {
      kind: "LiquidationCall",
      account: user,
      reserve: debtAsset,
      token: debtAsset,
      amount: debtToCover,
      actor: liquidator,
      seizedToken: collateralAsset,
      seized: liquidatedCollateralAmount,
    });
  });
