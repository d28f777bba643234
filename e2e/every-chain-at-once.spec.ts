import { expect, test as base, type Page } from "@playwright/test";
import { createPublicClient, http, type Address } from "viem";
import { keelLensAbi } from "../contracts-abi";
import { formatHealthFactor, formatUsd } from "../lib/view/format";
import { localChain } from "../lib/server/clients";
import { startStack, type Stack } from "../scripts/lib/stack";
import { injectedWalletScript } from "./support/injected-wallet";
import { connectWallet, screenshot } from "./support/fixtures";

// One account across two chains: this journey runs its own stack with chains 31337 and 31338 (npm run dev -- --chains 2).
const OWNER: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"; // anvil #0: vaults on both chains

const test = base.extend<Record<never, never>, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const stack = await startStack({ chains: 2 });
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
});
test.describe.configure({ mode: "serial" });

async function lensTotals(stack: Stack) {
  let collateral = 0n;
  let debt = 0n;
  let lowest = 2n ** 256n - 1n;
  const perChain: number[] = [];
  for (const { anvil, deployment } of stack.chains) {
    const client = createPublicClient({ chain: localChain(anvil.chainId, anvil.url), transport: http(anvil.url) });
    const vaults = await client.readContract({
      address: deployment.contracts.lens!,
      abi: keelLensAbi,
      functionName: "getAccount",
      args: [deployment.markets.map((m) => m.address), OWNER],
    });
    perChain.push(vaults.length);
    for (const v of vaults) {
      collateral += v.collateralValue;
      debt += v.debtValue;
      if (v.debt > 0n && v.pricesOk && v.healthFactor < lowest) lowest = v.healthFactor;
    }
  }
  return { collateral, debt, lowest, perChain };
}

async function openConnected(page: Page, stack: Stack) {
  await page.addInitScript(
    injectedWalletScript({ rpcUrl: stack.chains[0]!.anvil.url, otherRpcUrls: { 31338: stack.chains[1]!.anvil.url }, account: OWNER, chainId: 31337 }),
  );
  await page.goto(stack.baseUrl + "/");
  await connectWallet(page);
}

test("vaults from both chains appear in one dashboard, each tagged with its chain, with the account's totals", async ({ page, stack }) => {
  await openConnected(page, stack);
  const { perChain } = await lensTotals(stack);
  expect(perChain).toEqual([2, 1]);
  await expect(page.getByTestId("vault-chain").filter({ hasText: "Anvil (local)" })).toHaveCount(2);
  await expect(page.getByTestId("vault-chain").filter({ hasText: "Anvil 31338" })).toHaveCount(1);
  await expect(async () => {
    const t = await lensTotals(stack);
    await expect(page.getByTestId("total-collateral")).toHaveText(formatUsd(t.collateral), { timeout: 1_000 });
    await expect(page.getByTestId("total-debt")).toHaveText(formatUsd(t.debt), { timeout: 1_000 });
    await expect(page.getByTestId("total-lowest-health")).toContainText(formatHealthFactor(t.lowest), { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await screenshot(page, "dashboard-two-chains");
});

test("acting on a vault of the second chain switches the wallet's network first, then continues", async ({ page, stack }) => {
  await openConnected(page, stack);
  const card = page.locator("[data-testid^='vault-']").filter({ has: page.getByTestId("vault-chain").filter({ hasText: "Anvil 31338" }) });
  await card.getByRole("link", { name: "Manage" }).click();
  await expect(page).toHaveURL(/\/vault\/31338\/1/);
  const panel = page.getByTestId("action-panel");
  await panel.getByRole("tab", { name: "Deposit" }).click();
  await panel.getByTestId("amount-input").fill("0.01");
  await panel.getByTestId("submit-action").click();
  await expect(
    page
      .getByTestId("toast")
      .filter({ hasText: "confirmed" })
      .filter({ hasText: /Deposit/ }),
  ).toBeVisible({ timeout: 30_000 });
  const methods = await page.evaluate(() =>
    (window as unknown as { __keelWalletLog: { method: string; params: unknown }[] }).__keelWalletLog.filter(
      (r) => r.method === "wallet_switchEthereumChain",
    ),
  );
  expect(JSON.stringify(methods)).toContain("0x7a6a"); // 31338
  const { anvil, deployment } = stack.chains[1]!;
  const client = createPublicClient({ chain: localChain(anvil.chainId, anvil.url), transport: http(anvil.url) });
  const v = await client.readContract({
    address: deployment.contracts.lens!,
    abi: keelLensAbi,
    functionName: "getVault",
    args: [deployment.markets[0]!.address, 1n],
  });
  expect(v.collaterals.find((c) => c.decimals === 8)!.amount).toBe(101_000_000n); // 1 + 0.01 WBTC
});

test("a chain that stops answering is marked unreachable while the other chain's vaults stay on screen", async ({ page, stack }) => {
  await openConnected(page, stack);
  await expect(page.getByTestId("vault-chain")).toHaveCount(3);
  await stack.chains[1]!.anvil.stop();
  const banner = page.getByTestId("rpc-error").filter({ hasText: "Anvil 31338" });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("vault-chain").filter({ hasText: "Anvil (local)" })).toHaveCount(2);
  await expect(page.getByTestId("rpc-error").filter({ hasText: "Anvil (local)" })).toHaveCount(0);
  await screenshot(page, "dashboard-one-chain-down");
});
