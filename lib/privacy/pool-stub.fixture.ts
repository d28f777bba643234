/**
 * What the wallet-reconciliation tests (auditk-pending, auditl, zkaudit8-pending-aside) share: a private pool's
 * deployment record at made-up addresses, its base asset, and real encoded logs of the pool's events for stub clients.
 */
import { encodeAbiParameters, encodeEventTopics, type Hex, type Log } from "viem";
import { keelPrivatePoolAbi } from "@/contracts-abi/abi/KeelPrivatePool";
import type { PrivatePoolDeployment } from "@/lib/config/deployment";

export const STUB_POOL: PrivatePoolDeployment = {
  pool: "0x00000000000000000000000000000000000000aa",
  verifier: "0x00000000000000000000000000000000000000bb",
  market: "0x00000000000000000000000000000000000000cc",
  collateral: "0x00000000000000000000000000000000000000dd",
  startBlock: 0,
};
export const STUB_BASE = "0x00000000000000000000000000000000000000ee" as const;

/** A log of the pool's `eventName` with its indexed `topics` args and its other inputs' values in order. */
export function poolLog(eventName: string, topics: Record<string, unknown>, data: unknown[], address: Hex = STUB_POOL.pool): Log {
  const ev = keelPrivatePoolAbi.find((x) => x.type === "event" && x.name === eventName) as unknown as {
    inputs: { indexed?: boolean; type: string }[];
  };
  return {
    address,
    topics: encodeEventTopics({ abi: keelPrivatePoolAbi, eventName, args: topics } as Parameters<typeof encodeEventTopics>[0]),
    data: encodeAbiParameters(
      ev.inputs.filter((i) => !i.indexed),
      data,
    ),
  } as unknown as Log;
}
