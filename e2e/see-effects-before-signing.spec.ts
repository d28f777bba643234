import type { Page } from "@playwright/test";
import { encodeFunctionData, parseUnits, type Address } from "viem";
import { devErc20Abi, keelLensAbi, keelMarketAbi } from "../contracts-abi";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { connectWallet, expect, screenshot, test, TRADER, type E2EChain } from "./support/fixtures";
import { devWallet } from "./support/dev-wallet";

const usdcMarket = (chain: E2EChain) => chain.deployment.markets.find((m) => m.name === "Keel USDC")!.address;
const toast = (page: Page, title: RegExp) => page.getByTestId("toast").filter({ hasText: title });
const usdcBalance = (chain: E2EChain) =>
  chain.publicClient.readContract({ address: chain.asset("USDC").address, abi: devErc20Abi, functionName: "balanceOf", args: [TRADER] });
const lensVault = (chain: E2EChain, market: Address, id: bigint) =>
  chain.publicClient.readContract({ address: chain.deployment.contracts.lens!, abi: keelLensAbi, functionName: "getVault", args: [market, id] });

/** As TRADER, straight on the chain: a vault with 2 WETH and 1,000 USDC borrowed. */
async function traderVault(chain: E2EChain): Promise<bigint> {
  const trader = devWallet(chain.rpcUrl, chain.deployment.chainId, ANVIL_KEYS[1]!);
  const market = usdcMarket(chain);
  const wait = async (hash: `0x${string}`) => expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  const id = (await chain.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" })) + 1n;
  const amount = parseUnits("2", 18);
  await wait(await trader.writeContract({ address: chain.asset("WETH").address, abi: devErc20Abi, functionName: "approve", args: [market, amount] }));
  const calls = [
    encodeFunctionData({ abi: keelMarketAbi, functionName: "openVault" }),
    encodeFunctionData({ abi: keelMarketAbi, functionName: "depositCollateral", args: [id, chain.asset("WETH").address, amount] }),
    encodeFunctionData({ abi: keelMarketAbi, functionName: "borrow", args: [id, parseUnits("1000", 6), TRADER] }),
  ];
  await wait(await trader.writeContract({ address: market, abi: keelMarketAbi, functionName: "multicall", args: [calls] }));
  return id;
}

/** Mines the next block one second after the latest: the time the transactor simulated at. */
async function mineAtSimulatedTime(chain: E2EChain) {
  const latest = await chain.publicClient.getBlock({ blockTag: "latest" });
  await chain.testClient.setNextBlockTimestamp({ timestamp: latest.timestamp + 1n });
  await chain.testClient.mine({ blocks: 1 });
}

test("before the wallet opens, the transaction's effect is shown from a simulation, and the chain then does exactly that", async ({
  page,
  app,
  chain,
  injectWallet,
}) => {
  const market = usdcMarket(chain);
  const id = await traderVault(chain);
  await injectWallet();
  await app.open(`/vault/31337/${id}?market=${market}`);
  await connectWallet(page);
  const panel = page.getByTestId("action-panel");
  await panel.getByRole("tab", { name: "Repay" }).click();
  await panel.getByTestId("amount-input").fill("400");
  await expect(panel.getByTestId("submit-action")).toHaveText("Approve & Repay");

  // Blocks wait for us, so each step is seen before it is mined.
  await chain.testClient.setAutomine(false);
  const before = await usdcBalance(chain);
  await panel.getByTestId("submit-action").click();
  // The approval's toast already shows the whole flow (approve + repay, simulated together): 400 USDC out, debt down.
  const approval = toast(page, /^Approve 400 USDC/).getByTestId("tx-effects");
  await expect(approval.getByTestId("effect-USDC")).toHaveAttribute("data-out", String(parseUnits("400", 6)));
  await expect(approval.getByTestId("effect-debt")).toBeVisible();
  await screenshot(page, "effects-before-signing");
  await mineAtSimulatedTime(chain);

  // The repayment's own simulation, then the chain.
  const repay = toast(page, /^Repay 400 USDC/).getByTestId("tx-effects");
  await expect(repay.getByTestId("effect-USDC")).toHaveAttribute("data-out", String(parseUnits("400", 6)));
  const debtAfter = BigInt((await repay.getByTestId("effect-debt").getAttribute("data-after"))!);
  await mineAtSimulatedTime(chain);
  await chain.testClient.setAutomine(true);
  await expect(toast(page, /^Repay 400 USDC — confirmed/)).toBeVisible({ timeout: 30_000 });
  expect(before - (await usdcBalance(chain))).toBe(parseUnits("400", 6));
  expect((await lensVault(chain, market, id)).debt).toBe(debtAfter);
});
