"use client";
import { useQueries } from "@tanstack/react-query";
import { erc20Abi, maxUint256, zeroAddress, type Abi, type Address, type Hex } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { iGuardAavePoolAbi } from "@/contracts-abi/abi/IGuardAavePool";
import { iGuardCreditDelegationAbi } from "@/contracts-abi/abi/IGuardCreditDelegation";
import { iGuardMorphoAbi } from "@/contracts-abi/abi/IGuardMorpho";
import { iUniswapV2PairAbi } from "@/contracts-abi/abi/IUniswapV2Pair";
import { keelAutomationAbi } from "@/contracts-abi/abi/KeelAutomation";
import { keelMarketAbi } from "@/contracts-abi/abi/KeelMarket";
import { keelOracleAbi } from "@/contracts-abi/abi/KeelOracle";
import { keelGuardAdapterAbi } from "@/contracts-abi/abi/KeelGuardAdapter";
import { aaveV3GuardAdapterAbi } from "@/contracts-abi/abi/AaveV3GuardAdapter";
import { morphoBlueGuardAdapterAbi } from "@/contracts-abi/abi/MorphoBlueGuardAdapter";
import { describeError, type DescribedError } from "@/lib/tx/tx-errors";
import { readLens } from "@/hooks/use-lens-read";
import { useKeelChains } from "@/hooks/use-keel-config";
import { useRefreshOnBlocks } from "@/hooks/use-refresh-on-blocks";
import {
  AUTOMATION_KINDS,
  positionKey,
  positionTag,
  type AutomationKind,
  type AutomationPlan,
  type AutomationProtocol,
  type AutomationRule,
  type GuardSnapshot,
} from "@/lib/engine/automation";
import { storedRuleWarnings, unpricedRuleWarnings, type ExecutionContext, type RuleWarnings } from "@/lib/engine/automation-warnings";
import { reservesFrom } from "@/lib/engine/amm";
import { findAsset } from "@/lib/config/deployment";
import { readProtocolPositions } from "@/lib/protocols/account";
import type { ProtocolId } from "@/lib/protocols/types";
import { readError } from "@/lib/read/query-state";
import { guardSwapper, swapPair, warmGuardVenue } from "@/lib/read/swap-pair";
import { usablePrice } from "@/lib/read/oracle";
import type { ChainConfig } from "@/lib/config/chains";
import { chainReader } from "@/lib/wallet/chain-reader";
import { sameAddress } from "@/lib/config/address";

type ChainId = Parameters<typeof readContract>[1]["chainId"];

export interface TokenRef {
  address: Address;
  symbol: string;
  decimals: number;
}

/** One contract call the owner signs (authorise or revoke the protocol's adapter). */
export interface AuthCall {
  /** Message key under `automation.auth`. */
  step: "keelOperator" | "aaveWithdraw" | "aaveBorrow" | "morphoAuthorise";
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  /** Already granted (authorise) or already withdrawn (revoke). */
  done: boolean;
}

export interface RuleView {
  kind: AutomationKind;
  rule: AutomationRule;
  /** The guard's plan now (null when the read reverts, e.g. a stale price). */
  plan: (AutomationPlan & { blocker: number }) | null;
  /**
   * Why it could not fire if its condition held now (lib/automation-warnings.ts: authorisation revoked, below the
   * minimum, fee below gas, slippage unreachable); null when the owner turned it off (paused, expired, earlier owner).
   */
  warnings: RuleWarnings | null;
}

/** One position KeelAutomation can guard, read through its protocol's adapter, with its rules. */
export interface GuardPosition {
  chain: ChainConfig;
  protocol: AutomationProtocol;
  guard: Address;
  adapter: Address;
  position: Hex;
  /** React key and test id. */
  id: string;
  /** The account whose positions these are (the adapter's owner of it). */
  owner: Address;
  /** Where it lives: Keel market + vault, Aave pool, Morpho market name. */
  place: string;
  collateral: TokenRef;
  debt: TokenRef;
  /**
   * The position as its adapter reads it; null when that read reverts (a stale or missing price: the guard cannot act
   * on it either), and `unavailable` says why. Its rules are still listed, to pause or remove.
   */
  snapshot: GuardSnapshot | null;
  unavailable: DescribedError | null;
  /** Gas price, USD prices and the swap venue's pool now: what lib/engine/automation-warnings.ts weighs a rule against. */
  execution: ExecutionContext;
  rules: RuleView[];
  /** The calls that authorise the adapter (deleverage/close need `withdraw`; boost also `borrow`) and revoke it. */
  authorise: AuthCall[];
  revoke: AuthCall[];
  /** Keel: the vault page. */
  vault?: { market: Address; id: bigint };
  /** Aave, Morpho: the position as lib/protocols reads it (`Position.id`: the pool, the market id), for its page and card. */
  source?: { protocol: ProtocolId; id: string };
}

/** A position whose adapter read answered: what the rule form and its preview weigh a rule against. */
export type PricedGuardPosition = GuardPosition & { snapshot: GuardSnapshot };

/** How often the dashboard re-reads its rule warnings (they are read on load too). */
export const WARNINGS_REFRESH_MS = 60_000;

export const automationKey = (chainId: number, owner?: Address) => ["keel", "automation", chainId, owner ?? null] as const;

interface Candidate {
  protocol: AutomationProtocol;
  adapter: Address;
  position: Hex;
  place: string;
  collateral: TokenRef;
  debt: TokenRef;
  vault?: { market: Address; id: bigint };
  source?: { protocol: ProtocolId; id: string };
}

/**
 * Every position of `owner` that KeelAutomation can guard on every configured chain (Keel vaults per collateral, Aave
 * collateral × debt pairs, Morpho markets), each read through its adapter's `snapshot`, with its rules and the guard's
 * plan for each, refreshed on each block — or, with `everyBlock: false` (the dashboard, whose per-block refresh is one
 * eth_call per chain: bench:dashboard), read on load and then every {@link WARNINGS_REFRESH_MS}: the rule warnings it
 * shows (authorisation revoked, below the minimum, fee below gas, slippage unreachable) do not change block by block.
 */
export function useAutomationPositions(owner: Address | undefined, { everyBlock = true }: { everyBlock?: boolean } = {}) {
  const config = useConfig();
  const chains = useKeelChains().filter((c) => c.deployment?.automation);
  const results = useQueries({
    queries: chains.map((chain) => ({
      queryKey: automationKey(chain.id, owner),
      enabled: Boolean(owner),
      retry: 1,
      queryFn: () => readChain(config, chain, owner!),
      ...(everyBlock ? {} : { refetchInterval: WARNINGS_REFRESH_MS }),
    })),
  });
  useRefreshOnBlocks(owner && everyBlock ? chains.map((chain) => ({ chainId: chain.id, key: automationKey(chain.id, owner) })) : []);
  return chains.map((chain, i) => {
    const r = results[i]!;
    return { chain, positions: r.data, error: readError(r), isPending: r.isPending, refetch: () => void r.refetch() };
  });
}

async function readChain(config: ReturnType<typeof useConfig>, chain: ChainConfig, owner: Address): Promise<GuardPosition[]> {
  const d = chain.deployment!;
  const a = d.automation!;
  const chainId = chain.id as ChainId;
  const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[]) =>
    readContract(config, { chainId, address, abi, functionName, args } as never) as Promise<T>;
  const token = (address: Address, symbol?: string, decimals?: number): TokenRef => {
    const known = findAsset(d, address);
    return { address, symbol: known?.symbol ?? symbol ?? address.slice(0, 8), decimals: known?.decimals ?? decimals ?? 18 };
  };
  const candidates: Candidate[] = [];
  // What does not depend on the positions goes out with the reads that find them: the chain's gas price, time and prices,
  // Keel's vaults and the other protocols' positions, in one round. The handler keeps a failure from going unhandled
  // while the positions are read; it is still thrown below.
  const nowRead = executionNow(config, chain);
  nowRead.catch(() => undefined);
  const client = chainReader(config, chainId);
  // Each adapter's pool venue (swapper, then factory) is looked up while the positions are read.
  if (client) for (const adapter of [a.keel, a.aaveV3, a.morphoBlue]) if (adapter) warmGuardVenue(client, chain.id, adapter);
  const [vaults, p] = await Promise.all([
    a.keel && d.contracts.lens && d.markets.length ? readLens(config, chain, "getAccount", [d.markets.map((m) => m.address), owner]) : [],
    ((a.aaveV3 && d.aaveV3) || (a.morphoBlue && d.morphoBlue)) && client ? readProtocolPositions(client, d, owner) : null,
  ]);

  const keelAdapter = a.keel;
  if (keelAdapter) {
    for (const v of vaults) {
      const m = d.markets.find((x) => sameAddress(x.address, v.market));
      if (!m) continue;
      for (const c of v.collaterals) {
        if (c.amount === 0n) continue;
        candidates.push({
          protocol: "keel",
          adapter: keelAdapter,
          position: positionKey({ protocol: "keel", market: m.address, vaultId: v.id, collateral: c.asset }),
          place: `${m.name} #${v.id} · ${token(c.asset).symbol}`,
          collateral: token(c.asset),
          debt: token(m.baseAsset),
          vault: { market: m.address, id: v.id },
        });
      }
    }
  }
  if (p) {
    if (a.aaveV3 && p.aave) {
      for (const c of p.aave.collaterals.filter((x) => x.amount > 0n)) {
        for (const debt of p.aave.debts.filter((x) => x.amount > 0n && x.token.address !== c.token.address)) {
          candidates.push({
            protocol: "aaveV3",
            adapter: a.aaveV3,
            position: positionKey({ protocol: "aaveV3", owner, collateral: c.token.address, debtAsset: debt.token.address }),
            place: `${c.token.symbol} → ${debt.token.symbol}`,
            collateral: token(c.token.address, c.token.symbol, c.token.decimals),
            debt: token(debt.token.address, debt.token.symbol, debt.token.decimals),
            source: { protocol: "aave-v3", id: p.aave.id },
          });
        }
      }
    }
    if (a.morphoBlue) {
      for (const m of p.morpho) {
        const col = m.collaterals[0];
        const debt = m.debts[0];
        if (!col || !debt || col.amount === 0n) continue;
        candidates.push({
          protocol: "morphoBlue",
          adapter: a.morphoBlue,
          position: positionKey({ protocol: "morphoBlue", owner, marketId: m.id as Hex }),
          place: m.name,
          collateral: token(col.token.address, col.token.symbol, col.token.decimals),
          debt: token(debt.token.address, debt.token.symbol, debt.token.decimals),
          source: { protocol: "morpho-blue", id: m.id },
        });
      }
    }
  }

  const chainNow = await nowRead;
  return Promise.all(
    candidates.map(async (c): Promise<GuardPosition> => {
      // The snapshot, the pool, every rule (with the guard's plan for it) and the authorisation, together: only the
      // rule warnings need the snapshot and the pool, and they are computed here.
      const [{ snapshot, unavailable }, pool, stored, { authorise, revoke }] = await Promise.all([
        // A price the oracle or the protocol refuses (as the guard would) leaves this position without figures; any
        // other revert (a misconfigured adapter, a bug) or the RPC fails the read as before.
        read<GuardSnapshot>(c.adapter, snapshotAbi, "snapshot", [c.position]).then(
          (snapshot) => ({ snapshot, unavailable: null }),
          (e: unknown) => {
            const why = describeError(e);
            if (!why.errorName || !PRICE_ERRORS.has(why.errorName)) throw e;
            return { snapshot: null, unavailable: why };
          },
        ),
        poolOf(client, chain.id, c.adapter, c.collateral.address, c.debt.address),
        Promise.all(
          AUTOMATION_KINDS.map(async (kind, k) => {
            const rule = await read<AutomationRule>(a.guard, keelAutomationAbi as Abi, "getRule", [c.adapter, c.position, k]);
            if (rule.owner === zeroAddress) return null;
            const plan = await read<AutomationPlan & { blocker: number }>(a.guard, keelAutomationAbi as Abi, "plan", [
              c.adapter,
              c.position,
              k,
              BigInt(rule.maxFeeBps),
            ]).catch(() => null);
            return { kind, rule, plan };
          }),
        ),
        authCalls(c, owner, read, d.aaveV3?.pool, d.morphoBlue?.morpho),
      ]);
      const execution: ExecutionContext = { gasPrice: chainNow.gasPrice, nativeUsd: chainNow.nativeUsd, debtUsd: chainNow.usd(c.debt.address), pool };
      // In AUTOMATION_KINDS order (Promise.all keeps it).
      const rules: RuleView[] = stored
        .filter((r) => r !== null)
        .map(({ kind, rule, plan }) => ({
          kind,
          rule,
          plan,
          warnings: snapshot
            ? storedRuleWarnings(c.protocol, snapshot, kind, rule, execution, chainNow.now)
            : unpricedRuleWarnings(rule, owner, chainNow.now),
        }));
      return {
        chain,
        guard: a.guard,
        id: `${chain.id}-${c.protocol}-${positionTag(c.position)}`,
        owner,
        snapshot,
        unavailable,
        execution,
        rules,
        authorise,
        revoke,
        ...c,
      };
    }),
  );
}

/**
 * The chain's gas price, its latest block's time (what a rule's `validUntil` is checked against) and the oracle's USD
 * prices now. The native token is priced as its wrapped asset in the
 * deployment (`W` + the chain's native symbol, e.g. WETH); without it, or without an oracle, prices are unknown (null).
 */
async function executionNow(config: ReturnType<typeof useConfig>, chain: ChainConfig) {
  const d = chain.deployment!;
  const client = chainReader(config, chain.id);
  const [gasPrice, now, feeds] = await Promise.all([
    client ? client.getGasPrice() : Promise.resolve(0n),
    client ? client.getBlock().then((b) => b.timestamp) : Promise.resolve(BigInt(Math.floor(Date.now() / 1000))),
    d.contracts.oracle
      ? readContract(config, { chainId: chain.id as ChainId, address: d.contracts.oracle, abi: keelOracleAbi, functionName: "peekAll" }).catch(
          () => [],
        )
      : Promise.resolve([]),
  ]);
  const usd = (asset: Address | undefined): bigint | null => {
    const f = asset && feeds.find((x) => sameAddress(x.asset, asset));
    return f ? usablePrice(f) : null;
  };
  const wrapped = d.assets.find((a) => a.symbol === `W${client?.chain?.nativeCurrency.symbol ?? "ETH"}`);
  return { gasPrice, now, nativeUsd: usd(wrapped?.address), usd };
}

/**
 * The swap venue's pool of the two tokens, as the guard adapter trades (its `swapper`, a UniswapV2Adapter: the
 * factory's direct pair, found once per browser session: lib/read/swap-pair.ts): raw reserves; null when the factory has no pair;
 * undefined when the venue is of another kind.
 */
async function poolOf(
  client: ReturnType<typeof chainReader>,
  chainId: number,
  adapter: Address,
  collateral: Address,
  debt: Address,
): Promise<ExecutionContext["pool"]> {
  if (!client) return undefined;
  try {
    const pair = await swapPair(client, chainId, await guardSwapper(client, chainId, adapter), collateral, debt);
    if (pair === zeroAddress) return null;
    const [[r0, r1], token0] = await Promise.all([
      client.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "getReserves" }),
      client.readContract({ address: pair, abi: iUniswapV2PairAbi, functionName: "token0" }),
    ]);
    const [col, dbt] = reservesFrom(collateral, token0, r0, r1);
    return { collateral: col, debt: dbt };
  } catch {
    return undefined;
  }
}

/** The adapter's ABI (every adapter answers `snapshot` alike), with the errors its reads may raise: the oracle's and the adapters'. */
const keelAutomationAdapterAbi = [
  {
    type: "function",
    name: "snapshot",
    stateMutability: "view",
    inputs: [{ name: "position", type: "bytes" }],
    outputs: [
      {
        name: "",
        type: "tuple",
        components: [
          { name: "owner", type: "address" },
          { name: "mayWithdraw", type: "bool" },
          { name: "mayBorrow", type: "bool" },
          { name: "collateral", type: "uint256" },
          { name: "debt", type: "uint256" },
          { name: "colPrice", type: "uint256" },
          { name: "debtPrice", type: "uint256" },
          { name: "colScale", type: "uint256" },
          { name: "debtScale", type: "uint256" },
          { name: "lt", type: "uint256" },
          { name: "collateralValue", type: "uint256" },
          { name: "liqValue", type: "uint256" },
          { name: "debtValue", type: "uint256" },
          { name: "flashFeeBps", type: "uint256" },
        ],
      },
    ],
  },
] as const satisfies Abi;
/** The reverts of an adapter's `snapshot` that mean "no usable price now": KeelOracle's guards and the adapters' own. */
const PRICE_ERRORS = new Set([
  "NoFeed",
  "FeedCallFailed",
  "NonPositivePrice",
  "IncompleteRound",
  "PriceFromFuture",
  "StalePrice",
  "PriceOutOfBounds",
  "NoProtocolPrice",
  "StaleProtocolPrice",
]);
const errorsOf = (abi: Abi) => abi.filter((x) => x.type === "error");
const snapshotAbi = [
  ...keelAutomationAdapterAbi,
  ...errorsOf(keelOracleAbi),
  ...errorsOf(keelGuardAdapterAbi),
  ...errorsOf(aaveV3GuardAdapterAbi),
  ...errorsOf(morphoBlueGuardAdapterAbi),
] as Abi;

/** What the owner signs to authorise the protocol's adapter, and to revoke it. */
async function authCalls(
  c: Candidate,
  owner: Address,
  read: <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[]) => Promise<T>,
  aavePool?: Address,
  morpho?: Address,
): Promise<{ authorise: AuthCall[]; revoke: AuthCall[] }> {
  if (c.protocol === "keel") {
    const market = c.vault!.market;
    const on = await read<boolean>(market, keelMarketAbi as Abi, "isOperator", [owner, c.adapter]);
    return {
      authorise: [
        { step: "keelOperator", address: market, abi: keelMarketAbi as Abi, functionName: "setOperator", args: [c.adapter, true], done: on },
      ],
      revoke: [
        { step: "keelOperator", address: market, abi: keelMarketAbi as Abi, functionName: "setOperator", args: [c.adapter, false], done: !on },
      ],
    };
  }
  if (c.protocol === "morphoBlue") {
    const on = await read<boolean>(morpho!, iGuardMorphoAbi as Abi, "isAuthorized", [owner, c.adapter]);
    return {
      authorise: [
        {
          step: "morphoAuthorise",
          address: morpho!,
          abi: iGuardMorphoAbi as Abi,
          functionName: "setAuthorization",
          args: [c.adapter, true],
          done: on,
        },
      ],
      revoke: [
        {
          step: "morphoAuthorise",
          address: morpho!,
          abi: iGuardMorphoAbi as Abi,
          functionName: "setAuthorization",
          args: [c.adapter, false],
          done: !on,
        },
      ],
    };
  }
  const [col, debt] = await Promise.all([
    read<{ aTokenAddress: Address }>(aavePool!, iGuardAavePoolAbi as Abi, "getReserveData", [c.collateral.address]),
    read<{ variableDebtTokenAddress: Address }>(aavePool!, iGuardAavePoolAbi as Abi, "getReserveData", [c.debt.address]),
  ]);
  const [allowance, delegated] = await Promise.all([
    read<bigint>(col.aTokenAddress, erc20Abi as Abi, "allowance", [owner, c.adapter]),
    read<bigint>(debt.variableDebtTokenAddress, iGuardCreditDelegationAbi as Abi, "borrowAllowance", [owner, c.adapter]),
  ]);
  const approve = (amount: bigint, done: boolean): AuthCall => ({
    step: "aaveWithdraw",
    address: col.aTokenAddress,
    abi: erc20Abi as Abi,
    functionName: "approve",
    args: [c.adapter, amount],
    done,
  });
  const delegate = (amount: bigint, done: boolean): AuthCall => ({
    step: "aaveBorrow",
    address: debt.variableDebtTokenAddress,
    abi: iGuardCreditDelegationAbi as Abi,
    functionName: "approveDelegation",
    args: [c.adapter, amount],
    done,
  });
  return {
    authorise: [approve(maxUint256, allowance > 10n ** 60n), delegate(maxUint256, delegated > 10n ** 60n)],
    revoke: [approve(0n, allowance === 0n), delegate(0n, delegated === 0n)],
  };
}

/**
 * The positions behind one dashboard card or position page: a Keel vault (`market`, `id`), or an Aave / Morpho position
 * as lib/protocols reads it (`protocol`, `id`, its owner).
 */
export function positionsFor(
  all: ReturnType<typeof useAutomationPositions>,
  chainId: number,
  at: { market: Address; id: bigint } | { protocol: ProtocolId; id: string; owner: Address },
): GuardPosition[] {
  const ps = all.filter((c) => c.chain.id === chainId).flatMap((c) => c.positions ?? []);
  if ("market" in at)
    return ps.filter((p) => p.protocol === "keel" && p.vault !== undefined && sameAddress(p.vault.market, at.market) && p.vault.id === at.id);
  return ps.filter((p) => p.source?.protocol === at.protocol && p.source.id.toLowerCase() === at.id.toLowerCase() && sameAddress(p.owner, at.owner));
}

export interface AutomationExecution {
  chain: ChainConfig;
  protocol: AutomationProtocol | "unknown";
  kind: AutomationKind;
  block: bigint;
  txHash: Hex;
  executor: Address;
  sold: bigint;
  repaid: bigint;
  borrowed: bigint;
  fee: bigint;
}

/**
 * Every execution of the owner's rules on every chain, newest first: the guard's RuleSet events filtered by the
 * (indexed) owner name the rules' keys, then RuleExecuted events with those keys.
 */
export function useAutomationHistory(owner: Address | undefined) {
  const config = useConfig();
  const chains = useKeelChains().filter((c) => c.deployment?.automation);
  const results = useQueries({
    queries: chains.map((chain) => ({
      queryKey: [...automationKey(chain.id, owner), "history"],
      enabled: Boolean(owner),
      retry: 1,
      queryFn: async (): Promise<AutomationExecution[]> => {
        const client = chainReader(config, chain.id);
        if (!client) return [];
        const a = chain.deployment!.automation!;
        const fromBlock = BigInt(chain.deployment!.deploymentBlock);
        const set = await client.getContractEvents({
          address: a.guard,
          abi: keelAutomationAbi,
          eventName: "RuleSet",
          args: { owner: owner! },
          fromBlock,
        });
        const byKey = new Map(set.map((e) => [e.args.key!, e.args.adapter!]));
        if (byKey.size === 0) return [];
        const done = await client.getContractEvents({
          address: a.guard,
          abi: keelAutomationAbi,
          eventName: "RuleExecuted",
          args: { key: [...byKey.keys()] },
          fromBlock,
        });
        const protocolOf = (adapter: Address | undefined): AutomationExecution["protocol"] =>
          adapter === a.keel ? "keel" : adapter === a.aaveV3 ? "aaveV3" : adapter === a.morphoBlue ? "morphoBlue" : "unknown";
        return done
          .map((e) => ({
            chain,
            protocol: protocolOf(byKey.get(e.args.key!)),
            kind: AUTOMATION_KINDS[e.args.kind!] ?? "deleverage",
            block: e.blockNumber,
            txHash: e.transactionHash,
            executor: e.args.executor!,
            sold: e.args.sold!,
            repaid: e.args.repaid!,
            borrowed: e.args.borrowed!,
            fee: e.args.fee!,
          }))
          .reverse();
      },
    })),
  });
  useRefreshOnBlocks(owner ? chains.map((chain) => ({ chainId: chain.id, key: [...automationKey(chain.id, owner), "history"] })) : []);
  return results.flatMap((r) => r.data ?? []);
}
