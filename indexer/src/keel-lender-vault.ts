/**
 * KeelLenderVault events (each market's ERC-4626 lender token) → lenders' deposits and withdrawals, under the lender
 * who holds the vault's shares. The market's sums and totals move with the ledger events the same flows emit on the
 * market (src/keel-market.ts `Supplied` / `Withdrawn`), so nothing is counted twice.
 */
import { ponder, type Context, type Event } from "ponder:registry";
import { recordLenderFlow } from "./keel-market";
import { lenderVaultMarket } from "./sources";

async function recordVaultFlow(
  event: Event,
  context: Context,
  kind: "Deposit" | "Withdraw",
  a: { owner: `0x${string}`; assets: bigint; shares: bigint },
) {
  const market = lenderVaultMarket(context.chain.id, event.log.address);
  if (!market) throw new Error(`${event.log.address} on chain ${context.chain.id} is no market's lender vault in the deployment`);
  await recordLenderFlow(event, context, { market, lenderVault: event.log.address, kind, owner: a.owner, assets: a.assets, shares: a.shares });
}

ponder.on("KeelLenderVault:Deposit", async ({ event, context }) => {
  await recordVaultFlow(event, context, "Deposit", event.args);
});

ponder.on("KeelLenderVault:Withdraw", async ({ event, context }) => {
  await recordVaultFlow(event, context, "Withdraw", event.args);
});
