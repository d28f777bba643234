/** KeelGuard events → the protection rules as they stand, and each execution on its vault's timeline. */
import { ponder } from "ponder:registry";
import { guardRule, market } from "ponder:schema";
import { recordVaultEvent } from "./keel-market";
import { marketKey } from "./reads";

/** KeelGuard.Kind, as the timeline names it. */
export const RULE_KINDS = ["Deleverage", "StopLoss"] as const;

const ruleKey = (chainId: number, m: string, id: bigint, kind: number) => `${chainId}:${m.toLowerCase()}:${id}:${kind}`;

ponder.on("KeelGuard:RuleSet", async ({ event, context }) => {
  const { market: m, id, kind, owner, collateral, trigger, target } = event.args;
  const row = { owner, collateral, trigger, target, paused: false, removed: false, block: event.block.number };
  await context.db
    .insert(guardRule)
    .values({ id: ruleKey(context.chain.id, m, id, kind), chainId: context.chain.id, market: m, vaultId: id, kind, executions: 0, ...row })
    .onConflictDoUpdate(row);
});

ponder.on("KeelGuard:RulePausedSet", async ({ event, context }) => {
  const { market: m, id, kind, paused } = event.args;
  await context.db.update(guardRule, { id: ruleKey(context.chain.id, m, id, kind) }).set({ paused, block: event.block.number });
});

ponder.on("KeelGuard:RuleRemoved", async ({ event, context }) => {
  const { market: m, id, kind } = event.args;
  const key = ruleKey(context.chain.id, m, id, kind);
  if (await context.db.find(guardRule, { id: key }))
    await context.db.update(guardRule, { id: key }).set({ removed: true, block: event.block.number });
});

ponder.on("KeelGuard:RuleExecuted", async ({ event, context }) => {
  const { market: m, id, kind, executor, collateral, sold, repaid } = event.args;
  const key = ruleKey(context.chain.id, m, id, kind);
  const rule = await context.db.find(guardRule, { id: key });
  if (rule) await context.db.update(guardRule, { id: key }).set({ executions: rule.executions + 1, block: event.block.number });
  const marketRow = await context.db.find(market, { id: marketKey(context.chain.id, m) });
  // The market's own Repaid / CollateralWithdrawn events carry the amounts into the totals; this row names the rule.
  await recordVaultEvent(
    { ...event, log: { ...event.log, address: m } },
    context,
    {
      kind: `RuleExecuted:${RULE_KINDS[kind] ?? kind}`,
      id,
      actor: executor,
      asset: collateral,
      amount: sold,
      baseAmount: repaid,
      detail: String(event.args.observed),
    },
    marketRow?.baseDecimals ?? 18,
  );
});
