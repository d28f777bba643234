import { getAddress, isAddress, zeroAddress, type Address } from "viem";
import { sameAddress } from "../config/address";

/** Hyperlane core on one chain (scripts/lib/deploy-hyperlane.ts). The domain is the chain id. */
export interface HyperlaneCore {
  domain: number;
  mailbox: Address;
  /** The merkle tree whose checkpoints the validators sign (inside the default hook). */
  merkleTreeHook: Address;
  /**
   * Default hook, with which Keel's routers dispatch: an aggregation of the merkle tree (a real deployment adds the
   * interchain gas paymaster) that refunds any overpayment to the sender.
   */
  defaultHook: Address;
  /** Required hook, run on every dispatch (zero fee locally). */
  protocolFee: Address;
  /** Default ISM and the routers' pinned ISM: message-id multisig of the validators. */
  multisigIsm: Address;
  /** Where each validator announces the storage of its signed checkpoints (read by Hyperlane's relayer). */
  validatorAnnounce: Address;
  /** Block before the Mailbox was deployed (where a relayer starts scanning). */
  deploymentBlock: number;
}

/** Keel's cross-chain collateral: the gateway on chain A (Keel's market), the outpost on chain B (the tokens). */
export interface CrossChainDeployment {
  gateway: {
    chainId: number;
    hyperlane: HyperlaneCore;
    gateway: Address;
    /** One claim token per remote asset, listed as a collateral of `market`. */
    claims: { asset: string; symbol: string; claim: Address; market: Address }[];
  };
  outpost: {
    chainId: number;
    hyperlane: HyperlaneCore;
    outpost: Address;
    /** The tokens the outpost locks, each with the claim that stands for it on chain A. */
    tokens: { asset: string; token: Address; decimals: number; claim: Address }[];
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates a parsed `crosschain.json` (scripts/lib/deploy-hyperlane.ts writes it beside the chains' deployment files)
 * and returns it with checksummed addresses; throws an Error naming every bad field.
 */
export function parseCrossChainDeployment(raw: unknown, source = "crosschain.json"): CrossChainDeployment {
  const problems: string[] = [];
  const addr = (v: unknown, field: string): Address => {
    if (typeof v === "string" && isAddress(v, { strict: false })) return getAddress(v);
    problems.push(`${field} must be an address`);
    return zeroAddress;
  };
  const uint = (v: unknown, field: string): number => {
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
    problems.push(`${field} must be a whole number`);
    return 0;
  };
  const str = (v: unknown, field: string): string => {
    if (typeof v === "string" && v.length > 0) return v;
    problems.push(`${field} must be a non-empty string`);
    return "";
  };
  const obj = (v: unknown, field: string): Record<string, unknown> => {
    if (isObject(v)) return v;
    problems.push(`${field} must be an object`);
    return {};
  };
  const list = (v: unknown, field: string): Record<string, unknown>[] => {
    if (!Array.isArray(v)) {
      problems.push(`${field} must be a list`);
      return [];
    }
    return v.map((x, i) => obj(x, `${field}[${i}]`));
  };
  const core = (v: unknown, field: string): HyperlaneCore => {
    const o = obj(v, field);
    return {
      domain: uint(o.domain, `${field}.domain`),
      mailbox: addr(o.mailbox, `${field}.mailbox`),
      merkleTreeHook: addr(o.merkleTreeHook, `${field}.merkleTreeHook`),
      defaultHook: addr(o.defaultHook, `${field}.defaultHook`),
      protocolFee: addr(o.protocolFee, `${field}.protocolFee`),
      multisigIsm: addr(o.multisigIsm, `${field}.multisigIsm`),
      validatorAnnounce: addr(o.validatorAnnounce, `${field}.validatorAnnounce`),
      deploymentBlock: uint(o.deploymentBlock, `${field}.deploymentBlock`),
    };
  };
  const root = obj(raw, "the file");
  const g = obj(root.gateway, "gateway");
  const o = obj(root.outpost, "outpost");
  const d: CrossChainDeployment = {
    gateway: {
      chainId: uint(g.chainId, "gateway.chainId"),
      hyperlane: core(g.hyperlane, "gateway.hyperlane"),
      gateway: addr(g.gateway, "gateway.gateway"),
      claims: list(g.claims, "gateway.claims").map((c, i) => ({
        asset: str(c.asset, `gateway.claims[${i}].asset`),
        symbol: str(c.symbol, `gateway.claims[${i}].symbol`),
        claim: addr(c.claim, `gateway.claims[${i}].claim`),
        market: addr(c.market, `gateway.claims[${i}].market`),
      })),
    },
    outpost: {
      chainId: uint(o.chainId, "outpost.chainId"),
      hyperlane: core(o.hyperlane, "outpost.hyperlane"),
      outpost: addr(o.outpost, "outpost.outpost"),
      tokens: list(o.tokens, "outpost.tokens").map((t, i) => ({
        asset: str(t.asset, `outpost.tokens[${i}].asset`),
        token: addr(t.token, `outpost.tokens[${i}].token`),
        decimals: uint(t.decimals, `outpost.tokens[${i}].decimals`),
        claim: addr(t.claim, `outpost.tokens[${i}].claim`),
      })),
    },
  };
  if (d.gateway.chainId === d.outpost.chainId) problems.push("gateway.chainId and outpost.chainId must differ");
  for (const t of d.outpost.tokens) {
    if (!d.gateway.claims.some((c) => c.claim === t.claim)) problems.push(`outpost token ${t.asset}: its claim is not one of gateway.claims`);
  }
  if (problems.length > 0) throw new Error(`${source}: ${problems.join("; ")}`);
  return d;
}

/**
 * Where a collateral is held when it is a cross-chain claim on `chain`: the outpost's chain and the asset locked there
 * (xWETH → WETH on chain B); null for any other token, or when the claims are not this chain's.
 */
export function remoteSource(
  chain: { id: number; crossChain?: Pick<CrossChainDeployment, "gateway" | "outpost"> | undefined },
  asset: string,
): { chainId: number; asset: string; symbol: string } | null {
  const xc = chain.crossChain;
  if (!xc || xc.gateway.chainId !== chain.id) return null;
  const c = xc.gateway.claims.find((c) => sameAddress(c.claim, asset));
  return c ? { chainId: xc.outpost.chainId, asset: c.asset, symbol: c.symbol } : null;
}

/** The tokens the outpost locks for `market` (their claims are listed there), with each claim's symbol. */
export function outpostTokensFor(xc: CrossChainDeployment, market: Address) {
  return xc.outpost.tokens.flatMap((t) => {
    const c = xc.gateway.claims.find((c) => c.claim === t.claim && sameAddress(c.market, market));
    return c ? [{ ...t, claimSymbol: c.symbol }] : [];
  });
}

/**
 * What a vault of `market` on `chain` can take from the other chain: the outpost's tokens when `chain` is the gateway's,
 * none otherwise. The vault page gives the cross-chain panel a place only when there are some; the panel shows them.
 */
export function gatewayTokensFor(chain: { id: number; crossChain?: CrossChainDeployment | undefined }, market: Address) {
  const xc = chain.crossChain;
  return xc && xc.gateway.chainId === chain.id ? outpostTokensFor(xc, market) : [];
}
