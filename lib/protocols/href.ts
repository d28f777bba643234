/**
 * The pages of positions, by protocol: pure strings, apart from lib/protocols/view.ts so a page that only links to
 * positions (the risk table) does not load every protocol's adapter with it.
 */
import type { Position } from "./types";

/**
 * The page of a position: `/vault/<chainId>/<id>?market=<market>` (a Keel vault), `/position/<chainId>/aave-v3/<account>`,
 * `/position/<chainId>/morpho-blue/<marketId>/<account>`.
 */
export function positionHref(p: Pick<Position, "protocol" | "chainId" | "id" | "owner"> & { vaultId?: bigint }): string {
  switch (p.protocol) {
    case "keel":
      return vaultHref(p.chainId, p.id, p.vaultId ?? 0n);
    case "aave-v3":
      return `/position/${p.chainId}/aave-v3/${p.owner}`;
    case "morpho-blue":
      return `/position/${p.chainId}/morpho-blue/${p.id}/${p.owner}`;
  }
}

/** A Keel vault's page. */
export const vaultHref = (chainId: number, market: string, id: bigint) => `/vault/${chainId}/${id}?market=${market}`;
