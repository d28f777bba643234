/**
 * KeelMarket events → vaults, their timeline, liquidations, lenders' supply and withdrawals and the market's time series.
 * Every vault event records the vault before (the lens at the end of the previous block) and after (at the end of its block).
 */
import { ponder, type Context, type Event } from "ponder:registry";
import { liquidation, lenderEvent, market, marketSnapshot, vault, vaultEvent } from "ponder:schema";
import { marketKey, readMarket, vaultKey, vaultReads, type VaultView } from "./reads";
import { lenderVaultMarket } from "./sources";

/** USD (WAD) of `amount` token units at `price` (USD per whole token, WAD). */
const usd = (amount: bigint, price: bigint, decimals: number) => (amount * price) / 10n ** BigInt(decimals);

interface Action {
  kind: string;
  id: bigint;
  actor?: `0x${string}`;
  asset?: `0x${string}`;
  amount?: bigint;
  baseAmount?: bigint;
  detail?: string;
  /** Running totals this event adds to (base units / USD WAD at the event's prices). */
  totals?: (
    v: VaultView,
    price: bigint | null,
  ) => Partial<Record<"borrowed" | "repaid" | "badDebt" | "depositedUsd" | "withdrawnUsd" | "borrowedUsd" | "repaidUsd", bigint>>;
}

/** The price of `asset` in the lens's view of the vault (null when not one of its collaterals or unpriced). */
function collateralPrice(v: VaultView, asset: string | undefined) {
  const c = v.collaterals.find((x) => x.asset.toLowerCase() === asset?.toLowerCase());
  return c && c.status === 0 ? { price: c.price, decimals: c.decimals } : null;
}

/** The base asset's price, WAD USD: debt value per whole base unit (null without debt to derive it from). */
function basePrice(v: VaultView, baseDecimals: number) {
  return v.debt === 0n ? null : (v.debtValue * 10n ** BigInt(baseDecimals)) / v.debt;
}

export async function recordVaultEvent(event: Event, context: Context, a: Action, baseDecimals: number) {
  const chainId = context.chain.id;
  const marketAddress = event.log.address;
  const key = vaultKey(chainId, marketAddress, a.id);
  // The block's reads come from one batched request (indexer/src/reads.ts): "after" for every vault the block touches,
  // and "before" for those whose row was last written before the previous block (the rule below).
  const reads = await vaultReads(context, marketAddress, a.id, event.block, async (m, id) => {
    const r = await context.db.find(vault, { id: vaultKey(chainId, m, id) });
    return r !== null && r.block < event.block.number - 1n;
  });
  const afterRead = reads.after();
  afterRead.catch(() => {}); // awaited below; kept from being reported unhandled while the row is read
  const row = await context.db.find(vault, { id: key });
  // The vault at the end of the previous block: the row itself when its last event was in that block (the row holds
  // the lens's view at the end of its block), else read (in the block's batch); kept on the row for the block's other events.
  let prev: { healthFactor: bigint; collateralValue: bigint; debt: bigint } | null = null;
  if (row && row.block === event.block.number - 1n) {
    prev = { healthFactor: row.healthFactor, collateralValue: row.collateralValue, debt: row.debt };
  } else if (row && row.block < event.block.number) {
    const [v] = await Promise.all([reads.before(), afterRead]);
    prev = { healthFactor: v.healthFactor, collateralValue: v.collateralValue, debt: v.debt };
  } else if (row && row.prevHealth !== null) {
    prev = { healthFactor: row.prevHealth, collateralValue: row.prevCollateralValue!, debt: row.prevDebt! };
  }
  const after = await afterRead;
  const before = row;
  const px = a.asset ? collateralPrice(after, a.asset) : null;
  const price = a.asset ? (px?.price ?? null) : a.baseAmount !== undefined ? basePrice(after, baseDecimals) : null;
  await context.db.insert(vaultEvent).values({
    id: `${chainId}:${event.id}`,
    vaultKey: key,
    chainId,
    market: marketAddress,
    vaultId: a.id,
    kind: a.kind,
    block: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
    logIndex: event.log.logIndex,
    actor: a.actor ?? null,
    asset: a.asset ?? null,
    amount: a.amount ?? null,
    baseAmount: a.baseAmount ?? null,
    price,
    detail: a.detail ?? null,
    healthBefore: prev?.healthFactor ?? null,
    healthAfter: after.healthFactor,
    collateralValueBefore: prev?.collateralValue ?? null,
    collateralValueAfter: after.collateralValue,
    debtBefore: prev?.debt ?? null,
    debtAfter: after.debt,
  });
  const add = a.totals?.(after, price) ?? {};
  const state = {
    owner: after.owner,
    debt: after.debt,
    debtShares: after.debtShares,
    collateralAssets: after.collaterals.map((c) => c.asset.toLowerCase()),
    collateralAmounts: after.collaterals.map((c) => c.amount),
    collateralValue: after.collateralValue,
    debtValue: after.debtValue,
    healthFactor: after.healthFactor,
    pricesOk: after.pricesOk,
    block: event.block.number,
    prevHealth: prev?.healthFactor ?? null,
    prevCollateralValue: prev?.collateralValue ?? null,
    prevDebt: prev?.debt ?? null,
  };
  if (!before) {
    await context.db.insert(vault).values({
      id: key,
      chainId,
      market: marketAddress,
      vaultId: a.id,
      openedBlock: event.block.number,
      borrowed: add.borrowed ?? 0n,
      repaid: add.repaid ?? 0n,
      badDebt: add.badDebt ?? 0n,
      depositedUsd: add.depositedUsd ?? 0n,
      withdrawnUsd: add.withdrawnUsd ?? 0n,
      borrowedUsd: add.borrowedUsd ?? 0n,
      repaidUsd: add.repaidUsd ?? 0n,
      ...state,
    });
  } else {
    await context.db.update(vault, { id: key }).set({
      borrowed: before.borrowed + (add.borrowed ?? 0n),
      repaid: before.repaid + (add.repaid ?? 0n),
      badDebt: before.badDebt + (add.badDebt ?? 0n),
      depositedUsd: before.depositedUsd + (add.depositedUsd ?? 0n),
      withdrawnUsd: before.withdrawnUsd + (add.withdrawnUsd ?? 0n),
      borrowedUsd: before.borrowedUsd + (add.borrowedUsd ?? 0n),
      repaidUsd: before.repaidUsd + (add.repaidUsd ?? 0n),
      ...state,
    });
  }
  return { after, price };
}

type Sums = Partial<
  Record<
    "borrowedSum" | "repaidSum" | "liquidatedSum" | "badDebtSum" | "interestSum" | "reservesSum" | "lenderDepositSum" | "lenderWithdrawSum",
    bigint
  >
>;

/** Refreshes the market row from the lens at this block, adds `sums`, and writes the block's time-series point. */
async function recordMarket(event: Event, context: Context, sums: Sums = {}) {
  const chainId = context.chain.id;
  const id = marketKey(chainId, event.log.address);
  const m = await readMarket(context, event.log.address, event.block);
  const state = {
    totalSupplied: m.totalSupplyAssets,
    totalBorrows: m.totalBorrows,
    totalReserves: m.totalReserves,
    totalBadDebt: m.totalBadDebt,
    utilization: m.utilization,
    borrowRate: m.borrowRate,
    supplyRate: m.supplyRate,
  };
  const row = await context.db.find(market, { id });
  const zero = {
    borrowedSum: 0n,
    repaidSum: 0n,
    liquidatedSum: 0n,
    badDebtSum: 0n,
    interestSum: 0n,
    reservesSum: 0n,
    lenderDepositSum: 0n,
    lenderWithdrawSum: 0n,
  };
  const totals = Object.fromEntries(
    Object.entries(zero).map(([k]) => [k, (row?.[k as keyof Sums] ?? 0n) + (sums[k as keyof Sums] ?? 0n)]),
  ) as typeof zero;
  const common = { ...state, ...totals, vaultCount: m.vaultCount, block: event.block.number, timestamp: event.block.timestamp };
  if (row) await context.db.update(market, { id }).set(common);
  else
    await context.db
      .insert(market)
      .values({ id, chainId, address: event.log.address, baseAsset: m.baseAsset, baseDecimals: m.baseDecimals, ...common });
  await context.db
    .insert(marketSnapshot)
    .values({ id: `${id}:${event.block.number}`, marketId: id, block: event.block.number, timestamp: event.block.timestamp, ...state })
    .onConflictDoUpdate(state);
  return m;
}

/** The market's base decimals (from its row, or the lens the first time). */
async function baseDecimals(event: Event, context: Context) {
  const row = await context.db.find(market, { id: marketKey(context.chain.id, event.log.address) });
  return row ? row.baseDecimals : (await recordMarket(event, context)).baseDecimals;
}

ponder.on("KeelMarket:VaultOpened", async ({ event, context }) => {
  await recordVaultEvent(event, context, { kind: "VaultOpened", id: event.args.id, actor: event.args.owner }, await baseDecimals(event, context));
  await recordMarket(event, context);
});

ponder.on("KeelMarket:VaultTransferred", async ({ event, context }) => {
  // The open-vault flow hands the new vault to its own opener (an ownership guard): not a change worth a row.
  if (event.args.from.toLowerCase() === event.args.to.toLowerCase()) return;
  await recordVaultEvent(
    event,
    context,
    { kind: "VaultTransferred", id: event.args.id, actor: event.args.to, detail: event.args.from },
    await baseDecimals(event, context),
  );
});

ponder.on("KeelMarket:CollateralDeposited", async ({ event, context }) => {
  const { id, caller, asset, amount } = event.args;
  await recordVaultEvent(
    event,
    context,
    {
      kind: "CollateralDeposited",
      id,
      actor: caller,
      asset,
      amount,
      totals: (v) => {
        const p = collateralPrice(v, asset);
        return { depositedUsd: p ? usd(amount, p.price, p.decimals) : 0n };
      },
    },
    await baseDecimals(event, context),
  );
});

ponder.on("KeelMarket:CollateralWithdrawn", async ({ event, context }) => {
  const { id, caller, asset, amount } = event.args;
  await recordVaultEvent(
    event,
    context,
    {
      kind: "CollateralWithdrawn",
      id,
      actor: caller,
      asset,
      amount,
      detail: event.args.receiver,
      totals: (v) => {
        const p = collateralPrice(v, asset);
        return { withdrawnUsd: p ? usd(amount, p.price, p.decimals) : 0n };
      },
    },
    await baseDecimals(event, context),
  );
});

ponder.on("KeelMarket:Borrowed", async ({ event, context }) => {
  const { id, caller, assets } = event.args;
  const decimals = await baseDecimals(event, context);
  await recordVaultEvent(
    event,
    context,
    {
      kind: "Borrowed",
      id,
      actor: caller,
      baseAmount: assets,
      detail: event.args.receiver,
      totals: (_v, price) => ({ borrowed: assets, borrowedUsd: price ? usd(assets, price, decimals) : 0n }),
    },
    decimals,
  );
  await recordMarket(event, context, { borrowedSum: assets });
});

ponder.on("KeelMarket:Repaid", async ({ event, context }) => {
  const { id, caller, assets } = event.args;
  const decimals = await baseDecimals(event, context);
  await recordVaultEvent(
    event,
    context,
    {
      kind: "Repaid",
      id,
      actor: caller,
      baseAmount: assets,
      totals: (_v, price) => ({ repaid: assets, repaidUsd: price ? usd(assets, price, decimals) : 0n }),
    },
    decimals,
  );
  await recordMarket(event, context, { repaidSum: assets });
});

ponder.on("KeelMarket:Liquidated", async ({ event, context }) => {
  const { id, liquidator, asset, repaid, seized, discount } = event.args;
  const decimals = await baseDecimals(event, context);
  const { price } = await recordVaultEvent(
    event,
    context,
    {
      kind: "Liquidated",
      id,
      actor: liquidator,
      asset,
      amount: seized,
      baseAmount: repaid,
      detail: discount.toString(),
      // The owner neither receives the seized collateral nor pays the debt it settles: no cash flow, the loss shows in
      // the position's value. The repaid debt still counts toward interest paid (repaid − borrowed + debt left).
      totals: () => ({ repaid }),
    },
    decimals,
  );
  await context.db.insert(liquidation).values({
    id: `${context.chain.id}:${event.id}`,
    chainId: context.chain.id,
    market: event.log.address,
    vaultId: id,
    liquidator,
    asset,
    repaid,
    seized,
    discount,
    price,
    block: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await recordMarket(event, context, { liquidatedSum: repaid });
});

ponder.on("KeelMarket:BadDebt", async ({ event, context }) => {
  const { id, amount } = event.args;
  await recordVaultEvent(
    event,
    context,
    { kind: "BadDebt", id, baseAmount: amount, totals: () => ({ badDebt: amount }) },
    await baseDecimals(event, context),
  );
  await recordMarket(event, context, { badDebtSum: amount });
});

ponder.on("KeelMarket:InterestAccrued", async ({ event, context }) => {
  await recordMarket(event, context, { interestSum: event.args.interest, reservesSum: event.args.reserves });
});

/** One lender's flow as a `lender_event` row: through a market's lender vault, or straight on the market's ledger. */
export async function recordLenderFlow(
  event: Event,
  context: Context,
  row: { market: `0x${string}`; lenderVault: `0x${string}` | null; kind: string; owner: `0x${string}`; assets: bigint; shares: bigint },
) {
  await context.db.insert(lenderEvent).values({
    id: `${context.chain.id}:${event.id}`,
    chainId: context.chain.id,
    ...row,
    block: event.block.number,
    timestamp: event.block.timestamp,
  });
}

/**
 * A lender's supply or withdrawal on the market's ledger. Every one counts in the market's sums (the lens's totals move
 * by exactly these amounts besides interest, reserves and bad debt); a row is written here only for a lender who used
 * the ledger directly: one through a lender vault is the vault's Deposit / Withdraw row (src/keel-lender-vault.ts).
 */
async function recordLedgerFlow(
  event: Event,
  context: Context,
  kind: "Supplied" | "Withdrawn",
  a: { onBehalf: `0x${string}`; assets: bigint; shares: bigint },
) {
  if (!lenderVaultMarket(context.chain.id, a.onBehalf)) {
    await recordLenderFlow(event, context, {
      market: event.log.address,
      lenderVault: null,
      kind,
      owner: a.onBehalf,
      assets: a.assets,
      shares: a.shares,
    });
  }
  await recordMarket(event, context, kind === "Supplied" ? { lenderDepositSum: a.assets } : { lenderWithdrawSum: a.assets });
}

ponder.on("KeelMarket:Supplied", async ({ event, context }) => {
  await recordLedgerFlow(event, context, "Supplied", event.args);
});

ponder.on("KeelMarket:Withdrawn", async ({ event, context }) => {
  await recordLedgerFlow(event, context, "Withdrawn", event.args);
});
