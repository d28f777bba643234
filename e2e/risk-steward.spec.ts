import { keelMarketAbi, keelRiskStewardAbi } from "../contracts-abi";
import { AGENT_KEYS } from "../lib/server/dev-keys";
import { expect, scrollToPanel, test } from "./support/fixtures";
import { WAD } from "../lib/engine/math";
import { devWallet } from "./support/dev-wallet";

const pct = (x: bigint) => `${(Number((x * 1000n) / WAD) / 10).toFixed(1)}%`;

/**
 * The steward's change on /risk (issue #18's chain test, seen by a trader): the agent proposes a one-point safer WETH
 * threshold with its model inputs; /risk lists it as pending with the move and the inputs; after its wait anyone
 * executes it and /risk shows it executed, with the new parameters in force. (The fixture reverts the chain after.)
 */
test("a steward change shows on /risk: proposed with its inputs, then executed after its wait", async ({ page, chain, app }) => {
  const steward = chain.deployment.contracts.steward!;
  const market = chain.deployment.markets.find((m) => m.name.includes("USDC"))!.address;
  const weth = chain.asset("WETH").address;
  const agent = devWallet(chain.rpcUrl, chain.deployment.chainId, AGENT_KEYS.steward);
  const cur = await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralInfo", args: [weth] });
  const toLtv = cur.ltv - WAD / 100n;
  const toLt = cur.liquidationThreshold - WAD / 100n;
  const inputs = { volatility: (WAD * 85n) / 100n, liquidationSeconds: 90n, priceImpact: (WAD * 2n) / 100n, insolvencyOdds: WAD / 1000n };
  const proposed = await agent.writeContract({
    address: steward,
    abi: keelRiskStewardAbi,
    functionName: "propose",
    args: [market, weth, toLtv, toLt, inputs],
  });
  await chain.publicClient.waitForTransactionReceipt({ hash: proposed });

  await app.open("/risk");
  // The panel reads when it nears the screen, as a trader scrolls to it.
  await scrollToPanel(page, "steward");
  await page.getByTestId("steward-panel").scrollIntoViewIfNeeded();
  const changes = page.getByTestId("steward-changes-WETH");
  await expect(changes).toContainText(`${pct(cur.ltv)} → ${pct(toLtv)} · ${pct(cur.liquidationThreshold)} → ${pct(toLt)}`, { timeout: 30_000 });
  await expect(changes).toContainText("pending until");
  await expect(changes).toContainText("85.0%"); // the volatility input it was proposed with

  // Past its (safer, 6 h) wait, anyone executes it.
  const [change] = (await chain.publicClient.readContract({ address: steward, abi: keelRiskStewardAbi, functionName: "changes" })).slice(-1);
  const block = await chain.publicClient.getBlock();
  await chain.testClient.setNextBlockTimestamp({
    timestamp: change!.executableAt > block.timestamp ? change!.executableAt + 1n : block.timestamp + 1n,
  });
  await chain.testClient.mine({ blocks: 1 });
  const executed = await chain.admin.writeContract({ address: steward, abi: keelRiskStewardAbi, functionName: "execute", args: [change!.changeId] });
  await chain.publicClient.waitForTransactionReceipt({ hash: executed });

  // The page left open follows: the change reads "executed" within a few blocks, and never "cancelled" on the way (the
  // market's pending list, refreshed every block, once ran ahead of the steward's changes, read once a minute).
  const seen: string[] = [];
  const read = async () => {
    const text = await changes.innerText();
    seen.push(text);
    return text;
  };
  await expect.poll(read, { timeout: 30_000, intervals: [100] }).toContain("executed");
  expect(seen.filter((text) => text.includes("cancelled"))).toEqual([]);

  // A link to the panel (a full load of /risk#steward) lands on it with no scroll of the reader's: the panel's box comes
  // only with the book, after the browser looked for the anchor.
  await page.goto("about:blank");
  await app.open("/risk#steward");
  await expect(page.getByTestId("steward-panel")).toBeInViewport({ timeout: 60_000 });
  await expect(page.getByTestId("steward-changes-WETH")).toContainText("executed", { timeout: 30_000 });
  const now = page.getByTestId("steward-current-WETH");
  await expect(now).toContainText(pct(toLtv));
  await expect(now).toContainText(pct(toLt));
});
