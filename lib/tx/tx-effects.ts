/**
 * A transaction's effect before it is signed: the planned calls run in one simulated block on top of the latest
 * (`eth_simulateV1`, which anvil and the major clients answer), and what they did is read from the simulation itself —
 * the ERC-20 `Transfer` logs into and out of the wallet (and native ETH, through `traceTransfers`), and, when a vault is
 * watched, the lens's view of it before and after, read inside the same simulated block. A call that would revert is
 * named by its decoded custom error, before any signature.
 */
import {
  decodeErrorResult,
  decodeEventLog,
  decodeFunctionResult,
  encodeFunctionData,
  numberToHex,
  parseAbi,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { devErc20Abi } from "@/contracts-abi/abi/DevERC20";
import { keelGuardAbi } from "@/contracts-abi/abi/KeelGuard";
import { keelLensAbi } from "@/contracts-abi/abi/KeelLens";
import { keelErrorsAbi } from "@/contracts-abi/call";
import { describeRevert, type DescribedError } from "./tx-errors";

export interface PlannedCall {
  to: Address;
  data: Hex;
  value?: bigint;
  /** What it does, for a message ("Approve 100 USDC"). */
  label: string;
}

export interface KnownToken {
  address: Address;
  symbol: string;
  decimals: number;
}

/** A vault to read before and after, through the lens. */
export interface WatchedVault {
  lens: Address;
  market: Address;
  id: bigint;
}

export interface VaultState {
  debt: bigint;
  healthFactor: bigint;
  collaterals: { asset: Address; amount: bigint }[];
}

export interface TokenFlow extends KnownToken {
  /** Net amount out of the wallet (positive) or into it (negative). */
  out: bigint;
}

export type TxEffects =
  | { ok: true; blockNumber: bigint; flows: TokenFlow[]; vault?: { before: VaultState; after: VaultState } }
  | { ok: false; blockNumber: bigint; label: string; error: DescribedError };

/** Native ETH in `traceTransfers` logs. */
export const ETH_ADDRESS: Address = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";
const transferEvent = parseAbi(["event Transfer(address indexed from, address indexed to, uint256 value)"]);
const errorsAbi = [
  ...keelErrorsAbi,
  ...[...devErc20Abi, ...keelGuardAbi].filter((x) => x.type === "error" && !keelErrorsAbi.some((e) => e.type === "error" && e.name === x.name)),
] as Abi;

interface SimCallResult {
  status: Hex;
  returnData: Hex;
  logs?: { address: Address; topics: [Hex, ...Hex[]]; data: Hex }[];
  error?: { message?: string; data?: Hex };
}

/** The `eth_simulateV1` parameters: [vault read] + the planned calls + [vault read], in one block after `latest`. */
export function simulationParams(account: Address, calls: PlannedCall[], latest: { number: bigint; timestamp: bigint }, vault?: WatchedVault) {
  const read = vault
    ? [{ from: account, to: vault.lens, data: encodeFunctionData({ abi: keelLensAbi, functionName: "getVault", args: [vault.market, vault.id] }) }]
    : [];
  const planned = calls.map((c) => ({ from: account, to: c.to, data: c.data, ...(c.value ? { value: numberToHex(c.value) } : {}) }));
  return [
    {
      blockStateCalls: [
        {
          blockOverrides: { number: numberToHex(latest.number + 1n), time: numberToHex(latest.timestamp + 1n) },
          calls: [...read, ...planned, ...read],
        },
      ],
      traceTransfers: true,
      validation: false,
    },
    numberToHex(latest.number),
  ] as const;
}

const vaultState = (data: Hex): VaultState => {
  const v = decodeFunctionResult({ abi: keelLensAbi, functionName: "getVault", data });
  return { debt: v.debt, healthFactor: v.healthFactor, collaterals: v.collaterals.map((c) => ({ asset: c.asset, amount: c.amount })) };
};

/** A revert's data in words: a Keel or ERC-20 custom error by name, a require string, or that it reverted. */
export function describeRevertData(data: Hex | undefined): DescribedError {
  if (data && data.length >= 10) {
    try {
      const e = decodeErrorResult({ abi: errorsAbi, data });
      if (e.errorName === "Error") return { kind: "revert", message: `The contract refused: ${String(e.args?.[0])}` };
      if (e.errorName === "Panic") return { kind: "revert", message: "The contract refused this transaction (arithmetic or assertion failure)." };
      return { kind: "revert", errorName: e.errorName, message: describeRevert(e.errorName, (e.args ?? []) as readonly unknown[]) };
    } catch {
      // unknown selector
    }
  }
  return { kind: "revert", message: "The contract refused this transaction." };
}

/** Reads the simulation's answer: the first failed planned call, or the wallet's token flows and the vault's change. */
export function decodeSimulation(
  results: SimCallResult[],
  ctx: { account: Address; calls: PlannedCall[]; tokens: KnownToken[]; vault?: WatchedVault; blockNumber: bigint },
): TxEffects {
  const offset = ctx.vault ? 1 : 0;
  for (const [i, call] of ctx.calls.entries()) {
    const r = results[offset + i];
    if (!r || r.status !== "0x1") {
      return { ok: false, blockNumber: ctx.blockNumber, label: call.label, error: describeRevertData(r?.returnData ?? r?.error?.data) };
    }
  }
  const me = ctx.account.toLowerCase();
  const net = new Map<string, bigint>();
  for (const r of results.slice(offset, offset + ctx.calls.length)) {
    for (const log of r.logs ?? []) {
      let ev;
      try {
        ev = decodeEventLog({ abi: transferEvent, topics: log.topics, data: log.data });
      } catch {
        continue; // not an ERC-20 Transfer (an ERC-721 one has its id indexed)
      }
      const token = log.address.toLowerCase();
      const { from, to, value } = ev.args;
      if (from.toLowerCase() === me) net.set(token, (net.get(token) ?? 0n) + value);
      if (to.toLowerCase() === me) net.set(token, (net.get(token) ?? 0n) - value);
    }
  }
  const known = (a: string): KnownToken =>
    ctx.tokens.find((t) => t.address.toLowerCase() === a) ??
    (a === ETH_ADDRESS.toLowerCase()
      ? { address: ETH_ADDRESS, symbol: "ETH", decimals: 18 }
      : { address: a as Address, symbol: `${a.slice(0, 6)}…`, decimals: 0 });
  const flows = [...net.entries()].filter(([, v]) => v !== 0n).map(([a, out]) => ({ ...known(a), out }));
  const vault =
    ctx.vault && results[0] && results.at(-1)
      ? { before: vaultState(results[0].returnData), after: vaultState(results.at(-1)!.returnData) }
      : undefined;
  return { ok: true, blockNumber: ctx.blockNumber + 1n, flows, ...(vault ? { vault } : {}) };
}

type Rpc = (args: { method: string; params: readonly unknown[] }) => Promise<unknown>;

/** Simulates `calls` from `account` at the latest block and returns their effects (or the first revert, decoded). */
export async function simulateEffects(
  request: Rpc,
  opts: { account: Address; calls: PlannedCall[]; tokens: KnownToken[]; vault?: WatchedVault },
): Promise<TxEffects> {
  const block = (await request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { number: Hex; timestamp: Hex };
  const latest = { number: BigInt(block.number), timestamp: BigInt(block.timestamp) };
  const [sim] = (await request({ method: "eth_simulateV1", params: simulationParams(opts.account, opts.calls, latest, opts.vault) })) as [
    { calls: SimCallResult[] },
  ];
  return decodeSimulation(sim.calls, { ...opts, blockNumber: latest.number });
}
