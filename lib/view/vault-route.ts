import { isAddress, type Address } from "viem";
import type { ChainConfig } from "../config/chains";
import { sameAddress } from "../config/address";

/** Why a route names no vault: a code (its words are the message `vault.<code>`), its values, and the English sentence. */
export type VaultRouteProblem = {
  ok: false;
  code: "noChain" | "badId" | "noDeployment" | "badMarket" | "noMarket" | "deploymentError";
  values: Record<string, string>;
  problem: string;
};
export type VaultRoute = { ok: true; chain: ChainConfig; market: Address; id: bigint } | VaultRouteProblem;

const fail = (code: VaultRouteProblem["code"], values: Record<string, string>, problem: string): VaultRouteProblem => ({
  ok: false,
  code,
  values,
  problem,
});

/**
 * `/vault/<chainId>/<id>?market=<address>` → the chain, market and vault id it names, or why it names none. Read by the
 * server page (which answers 404 then) and the client page (which says why). Without `market`, the chain's first market;
 * a `market` that is not an address, or not a Keel market of that chain, is refused — never another market's vault.
 */
export function resolveVaultRoute(chains: readonly ChainConfig[], chainIdParam: string, idParam: string, marketParam?: string): VaultRoute {
  const chain = chains.find((c) => String(c.id) === chainIdParam);
  if (!chain) return fail("noChain", { chain: chainIdParam }, `Chain ${chainIdParam} is not configured in Keel.`);
  if (!/^\d{1,30}$/.test(idParam) || BigInt(idParam) === 0n) return fail("badId", { id: idParam }, `“${idParam}” is not a vault id.`);
  const deployment = chain.deployment;
  if (!deployment?.contracts.lens || deployment.markets.length === 0) {
    return chain.deploymentError
      ? fail("deploymentError", { error: chain.deploymentError }, chain.deploymentError)
      : fail("noDeployment", { chain: chain.name }, `No Keel market or lens is deployed on ${chain.name}.`);
  }
  if (marketParam !== undefined && !isAddress(marketParam, { strict: false })) {
    return fail("badMarket", { market: marketParam }, `“${marketParam}” is not a market address (0x followed by 40 hexadecimal digits).`);
  }
  const market = marketParam ? deployment.markets.find((m) => sameAddress(m.address, marketParam)) : deployment.markets[0];
  if (!market) return fail("noMarket", { market: marketParam ?? "", chain: chain.name }, `No Keel market at ${marketParam} on ${chain.name}.`);
  return { ok: true, chain, market: market.address, id: BigInt(idParam) };
}
