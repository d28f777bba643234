import type { Address } from "viem";

/** Hyperlane core on one chain (scripts/lib/deploy-hyperlane.ts). The domain is the chain id. */
export interface HyperlaneCore {
  domain: number;
  mailbox: Address;
  /** Required hook: every dispatched message enters this tree, whose checkpoints the validators sign. */
  merkleTreeHook: Address;
  /** Default hook (zero fee locally; a real deployment charges gas through the interchain gas paymaster). */
  protocolFee: Address;
  /** Default ISM and the routers' pinned ISM: message-id multisig of the validators. */
  multisigIsm: Address;
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
