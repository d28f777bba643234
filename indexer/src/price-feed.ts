/** Price feeds (Chainlink aggregators and Keel's dev feeds): every round, for price history and alerts. */
import { ponder } from "ponder:registry";
import { priceRound } from "ponder:schema";

ponder.on("PriceFeed:AnswerUpdated", async ({ event, context }) => {
  await context.db.insert(priceRound).values({
    id: `${context.chain.id}:${event.id}`,
    chainId: context.chain.id,
    feed: event.log.address,
    roundId: event.args.roundId,
    answer: event.args.current,
    updatedAt: event.args.updatedAt,
    block: event.block.number,
  });
});
