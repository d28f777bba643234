import { expect, test as base } from "@playwright/test";
import { erc20Abi, parseEventLogs, parseUnits, type Address } from "viem";
import { collateralGatewayAbi, collateralOutpostAbi, devErc20Abi, keelMarketAbi } from "../contracts-abi";
import { clientsFor } from "../lib/server/clients";
import { ANVIL_KEYS } from "../scripts/lib/anvil";
import { startStack, type Stack } from "../scripts/lib/stack";
import { injectedWalletScript } from "./support/injected-wallet";
import { connectWallet, scrollToPanel, screenshot } from "./support/fixtures";

// "Use collateral from another chain" (docs/cross-chain.md): its own stack with chains 31337 and 31338, Hyperlane on
// both, the validator and Hyperlane's relayer as processes (startStack({ crossChain: true })), on the same production build as the rest of the
// suite — the chains and crosschain.json are read by the server per request, nothing is baked into the build.
const OWNER: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // anvil #0: WETH on both chains

const test = base.extend<Record<never, never>, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const stack = await startStack({ crossChain: true });
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 240_000 },
  ],
});

test("deposit WETH on the other chain, follow its message to the vault, see it held there; withdraw it back", async ({ page, stack }) => {
  test.setTimeout(180_000);
  const x = stack.crossChain!.deployment;
  const [a, b] = stack.chains;
  const market = x.gateway.claims[0]!.market;
  const weth = x.outpost.tokens.find((t) => t.asset === "WETH")!;
  const owner = clientsFor(a!.anvil.url, 31337, ANVIL_KEYS[0]!);
  await owner.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
  const id = await owner.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" });
  const wethOnB = () =>
    clientsFor(b!.anvil.url, 31338, ANVIL_KEYS[0]!).publicClient.readContract({
      address: weth.token,
      abi: erc20Abi,
      functionName: "balanceOf",
      args: [OWNER],
    });
  const before = await wethOnB();

  await page.addInitScript(injectedWalletScript({ rpcUrl: a!.anvil.url, otherRpcUrls: { 31338: b!.anvil.url }, account: OWNER, chainId: 31337 }));
  await page.goto(`${stack.baseUrl}/vault/31337/${id}?market=${market}`);
  await connectWallet(page);
  await scrollToPanel(page, "crosschain");
  const panel = page.getByTestId("crosschain-panel");
  await expect(panel.getByRole("heading", { name: "Collateral from Anvil 31338" })).toBeVisible();

  // Deposit 2 WETH on 31338: the wallet is switched there, approve and deposit with the quoted Hyperlane fee.
  const deposit = panel.getByTestId("crosschain-deposit");
  await deposit.getByRole("radio", { name: "WETH" }).click();
  await deposit.getByLabel(/Amount, from your wallet on Anvil 31338/).fill("2");
  await expect(deposit.getByTestId("crosschain-deposit-fee")).toContainText("Hyperlane fee");
  await deposit.getByTestId("crosschain-deposit-submit").click();
  const credit = panel.getByTestId("crosschain-message-credit-1");
  await expect(credit).toBeVisible({ timeout: 60_000 });
  // The relayer delivers it (about 2 s locally): credited, and the vault counts the claim, marked as held on 31338.
  await expect(credit).toHaveAttribute("data-state", "delivered", { timeout: 60_000 });
  await expect(credit).toContainText("credited");
  const row = page.getByTestId("collateral-xWETH");
  await expect(row).toContainText("2");
  const walletLog = () => page.evaluate(() => (window as unknown as { __keelWalletLog: { method: string }[] }).__keelWalletLog.map((r) => r.method));
  expect(await walletLog()).toContain("wallet_switchEthereumChain");
  await screenshot(page, "collateral-from-another-chain");

  // Withdraw 1 back: the gateway made operator once, the claims burned on 31337 (back on it), released on 31338.
  const withdraw = panel.getByTestId("crosschain-withdraw");
  await withdraw.getByLabel("Claims to take out of the vault").fill("1");
  await expect(withdraw.getByTestId("crosschain-withdraw-fee")).toContainText("Hyperlane fee");
  await withdraw.getByTestId("crosschain-withdraw-submit").click();
  const release = panel.getByTestId("crosschain-message-release-1");
  await expect(release).toHaveAttribute("data-state", "delivered", { timeout: 60_000 });
  await expect(release).toContainText("released");
  await expect.poll(wethOnB, { timeout: 30_000 }).toBe(before - parseUnits("2", 18) + parseUnits("1", 18));
  expect(await owner.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "collateralOf", args: [id, weth.claim] })).toBe(
    parseUnits("1", 18),
  );

  // The dashboard shows the claim as held on the other chain.
  await page.goto(`${stack.baseUrl}/?watch=${OWNER}`);
  const card = page.locator(`[data-testid='collateral-xWETH']`).first();
  await expect(card.getByTestId("held-elsewhere")).toHaveText(/on Anvil 31338/);
  await expect(card.getByTestId("held-elsewhere")).toHaveAttribute("data-chain", "31338");
  await screenshot(page, "dashboard-held-on-another-chain");
});

test("a message whose delivery fails shows as failed with its reason, and as credited once the cause is fixed", async ({ page, stack }) => {
  test.setTimeout(120_000);
  const x = stack.crossChain!.deployment;
  const [a, b] = stack.chains;
  const market = x.gateway.claims[0]!.market;
  const ownerA = clientsFor(a!.anvil.url, 31337, ANVIL_KEYS[0]!);
  const ownerB = clientsFor(b!.anvil.url, 31338, ANVIL_KEYS[0]!);
  const usdcB = b!.deployment.assets.find((s) => s.symbol === "USDC")!;
  const amount = parseUnits("50", usdcB.decimals);
  await ownerA.send({ address: market, abi: keelMarketAbi, functionName: "openVault" });
  const id = await ownerA.publicClient.readContract({ address: market, abi: keelMarketAbi, functionName: "vaultCount" });
  // The outpost accepts 31338's USDC, but 31337 has no claim for it yet: the Credit reverts on delivery.
  await ownerB.send({ address: x.outpost.outpost, abi: collateralOutpostAbi, functionName: "setSupported", args: [usdcB.address, true] });
  await ownerB.send({ address: usdcB.address, abi: devErc20Abi, functionName: "mint", args: [OWNER, amount] });
  await ownerB.send({ address: usdcB.address, abi: erc20Abi, functionName: "approve", args: [x.outpost.outpost, amount] });
  await ownerB.send({
    address: x.outpost.outpost,
    abi: collateralOutpostAbi,
    functionName: "deposit",
    args: [usdcB.address, amount, market, id, OWNER],
  });

  await page.addInitScript(injectedWalletScript({ rpcUrl: a!.anvil.url, otherRpcUrls: { 31338: b!.anvil.url }, account: OWNER, chainId: 31337 }));
  await page.goto(`${stack.baseUrl}/vault/31337/${id}?market=${market}`);
  await connectWallet(page);
  await scrollToPanel(page, "crosschain");
  const panel = page.getByTestId("crosschain-panel");
  const credit = panel.getByTestId(/^crosschain-message-credit-/);
  await expect(credit).toHaveAttribute("data-state", "failed", { timeout: 60_000 });
  await expect(credit).toContainText("Delivery fails: The other chain's token has no claim here yet");
  await expect(credit).toContainText("The relayer retries it.");
  await expect(panel.getByTestId("crosschain-failed")).toContainText("Nothing is lost");
  await screenshot(page, "collateral-from-another-chain-failed");

  // The gateway's owner adds a claim for it and binds it: the relayer's next retry delivers the message, once.
  const added = await ownerA.send({
    address: x.gateway.gateway,
    abi: collateralGatewayAbi,
    functionName: "addClaim",
    args: ["Keel claim: USDC", "xUSDC", usdcB.decimals],
  });
  const [claimAdded] = parseEventLogs({ abi: collateralGatewayAbi, eventName: "ClaimAdded", logs: added.logs });
  await ownerA.send({
    address: x.gateway.gateway,
    abi: collateralGatewayAbi,
    functionName: "bindRemoteToken",
    args: [claimAdded!.args.claim, usdcB.address],
  });
  await expect(credit).toHaveAttribute("data-state", "delivered", { timeout: 60_000 });
  await expect(panel.getByTestId("crosschain-failed")).toHaveCount(0);
});
