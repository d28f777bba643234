import { startStack } from "../../scripts/lib/stack";

/** anvil + deploy (Keel, Aave v3 and Morpho Blue) + the app on free ports (scripts/lib/stack.ts); their URLs reach the tests through process.env. */
export default async function globalSetup() {
  const stack = await startStack({ dev: process.env.KEEL_E2E_DEV === "1", verbose: Boolean(process.env.KEEL_E2E_VERBOSE), lendingProtocols: true });
  process.env.KEEL_E2E_BASE_URL = stack.baseUrl;
  process.env.KEEL_E2E_RPC_URL = stack.anvil.url;
  process.env.KEEL_E2E_DEPLOYMENT = JSON.stringify(stack.deployment);
  return () => stack.stop();
}
