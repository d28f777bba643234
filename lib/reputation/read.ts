/**
 * Reads what reputation scoring needs from the chain: every market's vault events since the deployment (lib/reputation
 * /record.ts builds the records from them), and an account's honoured record and its attestation (what the vault page
 * and the scorer agent show and compare).
 */
import { decodeAbiParameters, parseAbiParameters, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import { ieasAbi } from "../../contracts-abi/abi/IEAS";
import { keelMarketAbi } from "../../contracts-abi/abi/KeelMarket";
import { keelReputationAbi } from "../../contracts-abi/abi/KeelReputation";
import { sameAddress } from "../config/address";
import type { Deployment, ReputationDeployment } from "../config/deployment";
import type { VaultEvent } from "./record";
import { RECORD_SCHEMA, type AccountRecord } from "./score";
import type { ReputationReading } from "./view";

const ZERO_UID = `0x${"0".repeat(64)}` as Hex;

/** Every vault event of every market of `deployment`, in chain order, with block times (a liquidation with the shares left). */
export async function readVaultEvents(
  client: PublicClient,
  deployment: Deployment,
  toBlock?: bigint,
): Promise<{ events: VaultEvent[]; asOfBlock: bigint }> {
  const asOfBlock = toBlock ?? (await client.getBlockNumber());
  const fromBlock = BigInt(deployment.deploymentBlock);
  const times = new Map<bigint, number>();
  const timeOf = async (block: bigint) => {
    let t = times.get(block);
    if (t === undefined) times.set(block, (t = Number((await client.getBlock({ blockNumber: block })).timestamp)));
    return t;
  };
  type Tagged = { e: VaultEvent; block: bigint; index: number };
  const all: Tagged[] = [];
  for (const m of deployment.markets) {
    const logs = await client.getContractEvents({ address: m.address, abi: keelMarketAbi, fromBlock, toBlock: asOfBlock });
    for (const l of logs) {
      const vault = (id: bigint) => `${m.address.toLowerCase()}:${id}`;
      const time = await timeOf(l.blockNumber);
      const at = { block: l.blockNumber, index: l.logIndex };
      if (l.eventName === "VaultOpened") all.push({ e: { kind: "opened", vault: vault(l.args.id!), owner: l.args.owner!, time }, ...at });
      else if (l.eventName === "VaultTransferred") all.push({ e: { kind: "transferred", vault: vault(l.args.id!), to: l.args.to!, time }, ...at });
      else if (l.eventName === "Borrowed") all.push({ e: { kind: "borrowed", vault: vault(l.args.id!), shares: l.args.shares!, time }, ...at });
      else if (l.eventName === "Repaid") all.push({ e: { kind: "repaid", vault: vault(l.args.id!), shares: l.args.shares!, time }, ...at });
      else if (l.eventName === "BadDebt") all.push({ e: { kind: "badDebt", vault: vault(l.args.id!), time }, ...at });
      else if (l.eventName === "Liquidated") {
        const v = await client.readContract({
          address: m.address,
          abi: keelMarketAbi,
          functionName: "getVault",
          args: [l.args.id!],
          blockNumber: l.blockNumber,
        });
        all.push({ e: { kind: "liquidated", vault: vault(l.args.id!), sharesAfter: v.debtShares, time }, ...at });
      }
    }
  }
  all.sort((a, b) => (a.block === b.block ? a.index - b.index : a.block < b.block ? -1 : 1));
  return { events: all.map((x) => x.e), asOfBlock };
}

/** An account's honoured record at the reputation source, with the attestation behind it decoded (null: none). */
export interface HonouredRecord {
  uid: Hex;
  /** WAD; what the source grants while `expiry` is ahead (the market then caps it per collateral). */
  bonus: bigint;
  expiry: number;
  /** The bonus in force now (zero once expired). */
  bonusNow: bigint;
  score: number;
  record: AccountRecord;
  attestedAt: number;
  attester: Address;
}

/** Decodes the record schema's data (KeelReputation.RECORD_SCHEMA). */
export function decodeRecord(data: Hex): { score: number; record: AccountRecord } {
  const [score, firstSeen, repayments, liquidations, closedWithoutLoss, closedWithLoss, asOfBlock] = decodeAbiParameters(
    parseAbiParameters(RECORD_SCHEMA),
    data,
  );
  return {
    score: Number(score),
    record: {
      firstSeen: Number(firstSeen),
      repayments: Number(repayments),
      liquidations: Number(liquidations),
      closedWithoutLoss: Number(closedWithoutLoss),
      closedWithLoss: Number(closedWithLoss),
      asOfBlock,
    },
  };
}

/** `account`'s record at `rep`'s source and its attestation; null when it has none. */
export async function readHonouredRecord(
  client: Pick<PublicClient, "readContract">,
  rep: ReputationDeployment,
  account: Address,
): Promise<HonouredRecord | null> {
  const [record, bonusNow] = await Promise.all([readRecordOf(client, rep, account), readLtvBonus(client, rep.source, account)]);
  return attested(client, rep, record, bonusNow);
}

/**
 * The reputation bonus of `owner` in `market` and why (lib/reputation/view.ts reads it): the market's source, its
 * largest bonus, the owner's bonus now, and, when the source is the deployment's (`rep`), the owner's honoured record
 * with its attestation. The market's source, the deployment source's figures and the owner's record there are asked
 * for together, in one round: the source is the deployment's but for a governance change. Only a record's
 * attestation (its uid comes with the record) or another source's figures take a second.
 */
export async function readReputation(
  client: Pick<PublicClient, "readContract">,
  market: Address,
  rep: ReputationDeployment | undefined,
  owner: Address,
): Promise<ReputationReading> {
  const [source, atDeployed] = await Promise.all([
    client.readContract({ address: market, abi: keelMarketAbi, functionName: "reputation" }),
    // Asked before the source is known: a failure here (a deployment's source misconfigured or gone) is not the
    // market's, so it only sends the reads to the second round.
    rep
      ? Promise.all([
          client.readContract({ address: rep.source, abi: keelReputationAbi, functionName: "maxBonus" }),
          readLtvBonus(client, rep.source, owner),
          readRecordOf(client, rep, owner),
        ]).catch(() => undefined)
      : undefined,
  ]);
  if (source === zeroAddress) return { source: null, honoured: null, maxBonus: 0n, bonusNow: 0n, known: false };
  const known = Boolean(rep && sameAddress(rep.source, source));
  if (rep && known && atDeployed) {
    const [maxBonus, bonusNow, record] = atDeployed;
    return { source, honoured: await attested(client, rep, record, bonusNow), maxBonus, bonusNow, known };
  }
  // Another source (its bonus only: the attestation's inputs come from the deployment's EAS), or the deployment's
  // whose first reads failed: asked again, now failing the read if they fail.
  const [maxBonus, bonusNow, record] = await Promise.all([
    client.readContract({ address: source, abi: keelReputationAbi, functionName: "maxBonus" }),
    readLtvBonus(client, source, owner),
    rep && known ? readRecordOf(client, rep, owner) : null,
  ]);
  return { source, honoured: rep && record ? await attested(client, rep, record, bonusNow) : null, maxBonus, bonusNow, known };
}

const readLtvBonus = (client: Pick<PublicClient, "readContract">, source: Address, account: Address) =>
  client.readContract({ address: source, abi: keelReputationAbi, functionName: "ltvBonus", args: [account] });

const readRecordOf = (client: Pick<PublicClient, "readContract">, rep: ReputationDeployment, account: Address) =>
  client.readContract({ address: rep.source, abi: keelReputationAbi, functionName: "recordOf", args: [account] });

/** The honoured record from `recordOf`'s answer: null without one, else with its attestation read from `rep`'s EAS. */
async function attested(
  client: Pick<PublicClient, "readContract">,
  rep: ReputationDeployment,
  [uid, bonus, expiry]: readonly [Hex, bigint, bigint | number],
  bonusNow: bigint,
): Promise<HonouredRecord | null> {
  if (uid === ZERO_UID) return null;
  const a = await client.readContract({ address: rep.eas, abi: ieasAbi, functionName: "getAttestation", args: [uid] });
  return { uid, bonus, expiry: Number(expiry), bonusNow, ...decodeRecord(a.data), attestedAt: Number(a.time), attester: a.attester };
}
