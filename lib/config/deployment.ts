import { getAddress, isAddress, isHex, type Address, type Hex } from "viem";
import type { CrossChainDeployment } from "../crosschain/deployment";
import { shortAddress } from "../view/format";
import { WAD } from "../engine/math";
import { sameAddress } from "./address";

/** One token Keel knows on a chain, with the feed that prices it. */
export interface DeployedAsset {
  symbol: string;
  name: string;
  address: Address;
  decimals: number;
  feed: Address;
}

/** A lending market: one base asset lent, several collateral assets accepted. */
export interface DeployedMarket {
  address: Address;
  name: string;
  baseAsset: Address;
  collaterals: Address[];
  /** KeelLenderVault: the market's ERC-4626 lender token (holds market supply shares one for one with its own). */
  lenderVault: Address;
}

/** Aave v3 on a chain: the contracts the adapter (lib/protocols/aave-v3) reads and writes through. */
export interface AaveV3Deployment {
  poolAddressesProvider: Address;
  pool: Address;
  poolConfigurator: Address;
  aclManager: Address;
  /** AaveOracle: the price of every reserve in the market's base currency. */
  oracle: Address;
  protocolDataProvider: Address;
  uiPoolDataProvider: Address;
  /** AaveLeverageRouter: one-transaction Multiply on Aave positions (absent where no swap venue is deployed). */
  leverageRouter?: Address;
  /**
   * The block the pool was deployed at: where its books and histories start reading events
   * (lib/protocols/registry.ts `protocolStartBlock`). Required on a real network whose figure the registry lacks.
   */
  startBlock?: number;
}

/** One Morpho Blue market: its id and MarketParams (`lltv` as a WAD integer in decimal, JSON has no bigint). */
export interface MorphoBlueMarketDeployment {
  id: Hex;
  name: string;
  loanToken: Address;
  collateralToken: Address;
  oracle: Address;
  irm: Address;
  lltv: string;
}

/** Morpho Blue on a chain: the singleton and the markets the app lists. */
export interface MorphoBlueDeployment {
  morpho: Address;
  markets: MorphoBlueMarketDeployment[];
  /** MorphoLeverageRouter: one-transaction Multiply on Morpho positions (absent where no swap venue is deployed). */
  leverageRouter?: Address;
  /** The block the singleton was deployed at (as `AaveV3Deployment.startBlock`). */
  startBlock?: number;
}

/**
 * KeelAutomation (the guard for every protocol) and its protocol adapters: an owner authorises the adapter of the
 * position's protocol and sets rules on the guard; anyone may execute them (contracts/src/periphery/guard/).
 */
export interface AutomationDeployment {
  guard: Address;
  keel?: Address;
  aaveV3?: Address;
  morphoBlue?: Address;
}

/**
 * Reputation-tailored margins (docs/reputation.md): the Ethereum Attestation Service and Keel's reputation source
 * (KeelReputation: the record schema's resolver and the markets' LTV-bonus lookup), with its one attester and the
 * UIDs of the record and dispute schemas it published.
 */
export interface ReputationDeployment {
  eas: Address;
  schemaRegistry: Address;
  source: Address;
  attester: Address;
  recordSchema: Hex;
  disputeSchema: Hex;
}

/**
 * Private positions (docs/private-vaults.md): a KeelPrivatePool over one Keel market and one collateral, its
 * Groth16 verifier, and the block it was deployed at (where the app rebuilds the pool's note tree from its events).
 */
export interface PrivatePoolDeployment {
  pool: Address;
  verifier: Address;
  market: Address;
  collateral: Address;
  startBlock: number;
}

/** What a deploy step writes for one chain and the app, scripts and agents read: `contracts-abi/deployments/<chainId>.json`. */
export interface Deployment {
  chainId: number;
  deploymentBlock: number;
  contracts: {
    oracle: Address;
    /** KeelRiskAdmin: owns the oracle and every market's risk setters (absent only from files written before it). */
    riskAdmin?: Address;
    lens?: Address;
    /** ISwapAdapter for the chain's swap venue (leverage router, guard and keeper swap through it). */
    swapAdapter?: Address;
    /** KeelLeverageRouter: one-transaction open / adjust / close with a flash loan and a swap. */
    leverageRouter?: Address;
    /** KeelLiquidator: the keeper's flash-loan liquidations (owned by the keeper account). */
    liquidator?: Address;
    /** KeelGuard: owner-set vault protection rules (deleverage, stop-loss) anyone may execute. */
    guard?: Address;
    /** KeelRiskSteward: bounded LTV/LT changes through the risk admin, proposed by the risk steward agent. */
    steward?: Address;
    /** A Multicall3-compatible aggregator (`aggregate3`); real networks use the canonical Multicall3 instead. */
    multicall3?: Address;
  };
  assets: DeployedAsset[];
  markets: DeployedMarket[];
  /** Aave v3, where the chain has it (local: deployed by `npm run dev`; real networks: lib/protocols/registry.ts). */
  aaveV3?: AaveV3Deployment;
  /** Morpho Blue, where the chain has it. */
  morphoBlue?: MorphoBlueDeployment;
  /** The guard for every protocol and its adapters, where deployed. */
  automation?: AutomationDeployment;
  /** EAS and the reputation source, where deployed (local: `npm run dev`). */
  reputation?: ReputationDeployment;
  /** The private pool, where deployed (local: `npm run dev`, scripts/lib/deploy-private-pool.ts). */
  privatePool?: PrivatePoolDeployment;
  /** Only on local chains: the account that may move dev feeds, and the local Uniswap V2 (pools the simulator arbitrages). */
  dev?: { feedOwner: Address; uniswapV2?: { factory: Address; router: Address } };
}

/** A deployment file that is missing or malformed; `message` names the file and every bad field. */
export class DeploymentError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join("; ")}`);
    this.name = "DeploymentError";
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates a parsed deployment file for `chainId` and returns it typed, with checksummed addresses.
 * Throws a DeploymentError listing every problem found, by field path.
 */
export function parseDeployment(raw: unknown, chainId: number, source = `deployment ${chainId}`): Deployment {
  const problems: string[] = [];
  const need = (cond: boolean, problem: string) => {
    if (!cond) problems.push(problem);
    return cond;
  };
  const addr = (v: unknown, field: string): Address => {
    if (need(typeof v === "string" && isAddress(v, { strict: false }), `${field} must be an address`)) {
      return getAddress(v as string);
    }
    return "0x0000000000000000000000000000000000000000";
  };
  const uint = (v: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number => {
    need(typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max, `${field} must be a whole number from 0 to ${max}`);
    return typeof v === "number" ? v : 0;
  };
  const str = (v: unknown, field: string): string => {
    need(typeof v === "string" && v.length > 0, `${field} must be a non-empty string`);
    return typeof v === "string" ? v : "";
  };
  const list = (v: unknown, field: string): unknown[] => {
    need(Array.isArray(v), `${field} must be a list`);
    return Array.isArray(v) ? v : [];
  };

  if (!isObject(raw)) throw new DeploymentError(source, ["the file must hold a JSON object"]);
  if (raw.chainId !== chainId) problems.push(`chainId is ${JSON.stringify(raw.chainId)}, expected ${chainId}`);
  const deploymentBlock = uint(raw.deploymentBlock, "deploymentBlock");
  const contracts = isObject(raw.contracts) ? raw.contracts : {};
  need(isObject(raw.contracts), "contracts must be an object");
  const oracle = addr(contracts.oracle, "contracts.oracle");
  const optional = (key: "riskAdmin" | "lens" | "swapAdapter" | "leverageRouter" | "liquidator" | "guard" | "steward" | "multicall3") =>
    contracts[key] === undefined ? {} : { [key]: addr(contracts[key], `contracts.${key}`) };

  const assets = list(raw.assets, "assets").map((a, i): DeployedAsset => {
    const o = isObject(a) ? a : {};
    need(isObject(a), `assets[${i}] must be an object`);
    return {
      symbol: str(o.symbol, `assets[${i}].symbol`),
      name: str(o.name, `assets[${i}].name`),
      address: addr(o.address, `assets[${i}].address`),
      decimals: uint(o.decimals, `assets[${i}].decimals`, 36),
      feed: addr(o.feed, `assets[${i}].feed`),
    };
  });
  const known = new Set(assets.map((a) => a.address));
  const symbols = new Set<string>();
  for (const a of assets) {
    need(!symbols.has(a.symbol), `assets: symbol ${a.symbol} appears twice`);
    symbols.add(a.symbol);
  }

  const markets = list(raw.markets ?? [], "markets").map((m, i): DeployedMarket => {
    const o = isObject(m) ? m : {};
    need(isObject(m), `markets[${i}] must be an object`);
    const baseAsset = addr(o.baseAsset, `markets[${i}].baseAsset`);
    need(!isAddress(String(o.baseAsset)) || known.has(baseAsset), `markets[${i}].baseAsset is not one of assets`);
    const collaterals = list(o.collaterals, `markets[${i}].collaterals`).map((c, j) => {
      const a = addr(c, `markets[${i}].collaterals[${j}]`);
      need(!isAddress(String(c)) || known.has(a), `markets[${i}].collaterals[${j}] is not one of assets`);
      return a;
    });
    return {
      address: addr(o.address, `markets[${i}].address`),
      name: str(o.name, `markets[${i}].name`),
      baseAsset,
      collaterals,
      lenderVault: addr(o.lenderVault, `markets[${i}].lenderVault`),
    };
  });

  let dev: Deployment["dev"];
  if (raw.dev !== undefined) {
    const d = isObject(raw.dev) ? raw.dev : {};
    need(isObject(raw.dev), "dev must be an object");
    dev = { feedOwner: addr(d.feedOwner, "dev.feedOwner") };
    if (d.uniswapV2 !== undefined) {
      const u = isObject(d.uniswapV2) ? d.uniswapV2 : {};
      need(isObject(d.uniswapV2), "dev.uniswapV2 must be an object");
      dev.uniswapV2 = { factory: addr(u.factory, "dev.uniswapV2.factory"), router: addr(u.router, "dev.uniswapV2.router") };
    }
  }

  let aaveV3: AaveV3Deployment | undefined;
  if (raw.aaveV3 !== undefined) {
    const o = isObject(raw.aaveV3) ? raw.aaveV3 : {};
    need(isObject(raw.aaveV3), "aaveV3 must be an object");
    const keys = ["poolAddressesProvider", "pool", "poolConfigurator", "aclManager", "oracle", "protocolDataProvider", "uiPoolDataProvider"] as const;
    aaveV3 = Object.fromEntries(keys.map((k) => [k, addr(o[k], `aaveV3.${k}`)])) as unknown as AaveV3Deployment;
    if (o.leverageRouter !== undefined) aaveV3.leverageRouter = addr(o.leverageRouter, "aaveV3.leverageRouter");
    if (o.startBlock !== undefined) aaveV3.startBlock = uint(o.startBlock, "aaveV3.startBlock");
  }
  let morphoBlue: MorphoBlueDeployment | undefined;
  if (raw.morphoBlue !== undefined) {
    const o = isObject(raw.morphoBlue) ? raw.morphoBlue : {};
    need(isObject(raw.morphoBlue), "morphoBlue must be an object");
    morphoBlue = {
      morpho: addr(o.morpho, "morphoBlue.morpho"),
      markets: list(o.markets, "morphoBlue.markets").map((m, i): MorphoBlueMarketDeployment => {
        const x = isObject(m) ? m : {};
        const f = `morphoBlue.markets[${i}]`;
        need(isObject(m), `${f} must be an object`);
        need(isHex(x.id) && (x.id as string).length === 66, `${f}.id must be a 32-byte hex id`);
        need(
          typeof x.lltv === "string" && /^[0-9]{1,19}$/.test(x.lltv) && BigInt(x.lltv) < WAD,
          `${f}.lltv must be a WAD integer below 1e18, as a decimal string`,
        );
        return {
          id: (isHex(x.id) ? x.id.toLowerCase() : "0x") as Hex,
          name: str(x.name, `${f}.name`),
          loanToken: addr(x.loanToken, `${f}.loanToken`),
          collateralToken: addr(x.collateralToken, `${f}.collateralToken`),
          oracle: addr(x.oracle, `${f}.oracle`),
          irm: addr(x.irm, `${f}.irm`),
          lltv: typeof x.lltv === "string" ? x.lltv : "0",
        };
      }),
    };
    if (o.leverageRouter !== undefined) morphoBlue.leverageRouter = addr(o.leverageRouter, "morphoBlue.leverageRouter");
    if (o.startBlock !== undefined) morphoBlue.startBlock = uint(o.startBlock, "morphoBlue.startBlock");
  }

  let automation: AutomationDeployment | undefined;
  if (raw.automation !== undefined) {
    const o = isObject(raw.automation) ? raw.automation : {};
    need(isObject(raw.automation), "automation must be an object");
    automation = { guard: addr(o.guard, "automation.guard") };
    for (const k of ["keel", "aaveV3", "morphoBlue"] as const) {
      if (o[k] !== undefined) automation[k] = addr(o[k], `automation.${k}`);
    }
  }

  let reputation: ReputationDeployment | undefined;
  if (raw.reputation !== undefined) {
    const o = isObject(raw.reputation) ? raw.reputation : {};
    need(isObject(raw.reputation), "reputation must be an object");
    const uid = (v: unknown, field: string): Hex => {
      need(isHex(v) && (v as string).length === 66, `${field} must be a 32-byte hex UID`);
      return (isHex(v) ? v.toLowerCase() : "0x") as Hex;
    };
    reputation = {
      eas: addr(o.eas, "reputation.eas"),
      schemaRegistry: addr(o.schemaRegistry, "reputation.schemaRegistry"),
      source: addr(o.source, "reputation.source"),
      attester: addr(o.attester, "reputation.attester"),
      recordSchema: uid(o.recordSchema, "reputation.recordSchema"),
      disputeSchema: uid(o.disputeSchema, "reputation.disputeSchema"),
    };
  }

  let privatePool: PrivatePoolDeployment | undefined;
  if (raw.privatePool !== undefined) {
    const o = isObject(raw.privatePool) ? raw.privatePool : {};
    need(isObject(raw.privatePool), "privatePool must be an object");
    privatePool = {
      pool: addr(o.pool, "privatePool.pool"),
      verifier: addr(o.verifier, "privatePool.verifier"),
      market: addr(o.market, "privatePool.market"),
      collateral: addr(o.collateral, "privatePool.collateral"),
      startBlock: uint(o.startBlock, "privatePool.startBlock"),
    };
  }

  if (problems.length) throw new DeploymentError(source, problems);
  const contractsOut = {
    oracle,
    ...optional("riskAdmin"),
    ...optional("lens"),
    ...optional("swapAdapter"),
    ...optional("leverageRouter"),
    ...optional("liquidator"),
    ...optional("guard"),
    ...optional("steward"),
    ...optional("multicall3"),
  };
  return {
    chainId,
    deploymentBlock,
    contracts: contractsOut,
    assets,
    markets,
    ...(aaveV3 ? { aaveV3 } : {}),
    ...(morphoBlue ? { morphoBlue } : {}),
    ...(automation ? { automation } : {}),
    ...(reputation ? { reputation } : {}),
    ...(privatePool ? { privatePool } : {}),
    ...(dev ? { dev } : {}),
  };
}

/** The deployment's market at `address` (any case), with its name and lender vault, if Keel knows it. */
export function findMarket(deployment: Pick<Deployment, "markets"> | null | undefined, address: string): DeployedMarket | undefined {
  return deployment?.markets.find((m) => sameAddress(m.address, address));
}

/** The deployment's asset at `address` (any case), if Keel knows it. */
export function findAsset(deployment: Pick<Deployment, "assets"> | null | undefined, address: string): DeployedAsset | undefined {
  return deployment?.assets.find((a) => sameAddress(a.address, address));
}

/**
 * A token's symbol on a chain: a deployed asset's, else a cross-chain claim's (`xWETH`: collateral held on another
 * chain, docs/cross-chain.md), else undefined. `assetSymbol` adds the short address as the last resort.
 */
export function knownSymbol(
  chain: { deployment: Pick<Deployment, "assets"> | null | undefined; crossChain?: Pick<CrossChainDeployment, "gateway"> | undefined },
  address: string,
): string | undefined {
  return findAsset(chain.deployment, address)?.symbol ?? chain.crossChain?.gateway.claims.find((c) => sameAddress(c.claim, address))?.symbol;
}

/** The one way a collateral or base token is named on screen: its symbol (`knownSymbol`), or its short address. */
export function assetSymbol(chain: Parameters<typeof knownSymbol>[0], address: string): string {
  return knownSymbol(chain, address) ?? shortAddress(address);
}
