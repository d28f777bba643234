/**
 * Every cross-chain collateral message and its state, read from the chains alone (no relayer needed): the outpost's
 * Deposited events (Credits, B → A) and the gateway's ReleaseDispatched events (Releases, A → B), each marked
 * delivered when the destination Mailbox says so. What a UI shows as "in flight" is `dispatched`. A delivery that
 * reverted leaves no trace on chain, so an undelivered message is also tried the way the Mailbox would deliver it —
 * the recipient's `handle`, simulated as called by the destination Mailbox — and is `failed` (with the contract's
 * reason) when that reverts: the relayer's retries will fail too until the cause is fixed.
 */
import type { ReadClient } from "../read/client";
import { decodeEventLog, parseAbi, type Address, type Hex } from "viem";
import { collateralGatewayCallAbi, collateralOutpostCallAbi } from "../../contracts-abi/call";
import { describeError, type DescribedError } from "../tx/tx-errors";
import { shortAddress } from "../view/format";
import type { CrossChainDeployment } from "./deployment";
import { bytes32ToAddress, mailboxAbi, parseMessage } from "./hyperlane";

/** The events of contracts/src/crosschain that name a message (kept equal to the contracts by the chain test). */
export const crossChainEventsAbi = parseAbi([
  "event Deposited(bytes32 indexed messageId, uint256 indexed nonce, address indexed from, address token, uint256 amount, address market, uint256 vaultId, address account)",
  "event ReleaseDispatched(bytes32 indexed messageId, uint256 indexed nonce, address indexed from, address claim, uint256 amount, address recipient)",
  "event CreditedToAccount(uint256 indexed nonce, address indexed account, address claim, uint256 amount, bytes reason)",
  "event CreditRefused(uint256 indexed nonce, address indexed account, address remoteToken, uint256 amount, uint8 decimals)",
]);

export interface CrossChainMessageView {
  id: Hex;
  kind: "credit" | "release";
  /** The sender's count of messages of this kind (from 1). */
  nonce: bigint;
  from: Address;
  /** Token locked on B (credit) or claim burned on A (release), and its amount in that token's units. */
  token: Address;
  amount: bigint;
  /**
   * That token's symbol and decimals: from the deployment for the tokens it names, else read from the token on its
   * chain (a deposit of a token the gateway does not know is still shown in its own units); unreadable: its address
   * and 0 decimals (the raw amount).
   */
  symbol: string;
  decimals: number;
  /** Credit: the vault it is for; release: the recipient on B. */
  market?: Address;
  vaultId?: bigint;
  recipient: Address;
  originChainId: number;
  destinationChainId: number;
  dispatchTx: Hex;
  /** Block of the dispatch on the origin chain. */
  dispatchBlock: bigint;
  /** `failed`: not delivered, and delivering it now would revert (`failure` says why); `dispatched`: in flight. */
  state: "dispatched" | "delivered" | "failed";
  /** Why its delivery reverts (the recipient's custom error, in words), when `failed`. */
  failure?: DescribedError;
  /**
   * Where a delivered Credit landed: in the vault, in the account's wallet on A (the vault could not take it: cap,
   * market removed, vault missing), or refused (decimals differ from the claim's: returnable with `returnRefused`).
   */
  landed?: "vault" | "account" | "refused";
}

/**
 * Seconds after which an undelivered message is shown as late: the local relayer delivers in about 2 s
 * (bench/results/crosschain.md), so a message still in flight after this is waiting for a relayer that is down or
 * failing. On a real network, where validators wait for the origin chain's finality, pass a longer bound.
 */
export const LATE_AFTER_SECONDS = 30;

/**
 * What a person is told about a message: delivered, in flight, late (in flight longer than `lateAfter`), or failed
 * (its delivery reverts: the relayer keeps retrying, and it is delivered once the cause is fixed).
 */
export type MessageProgress = "delivered" | "inFlight" | "late" | "failed";

/** A message's progress at `nowSeconds`, from its state and the timestamp of its dispatch block (unknown: in flight). */
export function messageProgress(
  m: Pick<CrossChainMessageView, "state">,
  dispatchedAt: number | undefined,
  nowSeconds: number,
  lateAfter = LATE_AFTER_SECONDS,
): MessageProgress {
  if (m.state === "delivered") return "delivered";
  if (m.state === "failed") return "failed";
  return dispatchedAt !== undefined && nowSeconds - dispatchedAt > lateAfter ? "late" : "inFlight";
}

/** Reads the messages of `d` (all, or those from or to `account`), oldest first within each direction. */
export async function readCrossChainMessages(opts: {
  a: ReadClient;
  b: ReadClient;
  deployment: CrossChainDeployment;
  account?: Address;
}): Promise<CrossChainMessageView[]> {
  const { a, b, deployment: d } = opts;
  const [deposits, releases, toAccount, refused] = await Promise.all([
    b.getContractEvents({
      address: d.outpost.outpost,
      abi: crossChainEventsAbi,
      eventName: "Deposited",
      fromBlock: BigInt(d.outpost.hyperlane.deploymentBlock),
    }),
    a.getContractEvents({
      address: d.gateway.gateway,
      abi: crossChainEventsAbi,
      eventName: "ReleaseDispatched",
      fromBlock: BigInt(d.gateway.hyperlane.deploymentBlock),
    }),
    a.getContractEvents({
      address: d.gateway.gateway,
      abi: crossChainEventsAbi,
      eventName: "CreditedToAccount",
      fromBlock: BigInt(d.gateway.hyperlane.deploymentBlock),
    }),
    a.getContractEvents({
      address: d.gateway.gateway,
      abi: crossChainEventsAbi,
      eventName: "CreditRefused",
      fromBlock: BigInt(d.gateway.hyperlane.deploymentBlock),
    }),
  ]);
  const toAccountNonces = new Set(toAccount.map((l) => l.args.nonce!));
  const refusedNonces = new Set(refused.map((l) => l.args.nonce!));
  const views: Omit<CrossChainMessageView, "state" | "symbol" | "decimals">[] = [
    ...deposits.map((l) => ({
      id: l.args.messageId!,
      kind: "credit" as const,
      nonce: l.args.nonce!,
      from: l.args.from!,
      token: l.args.token!,
      amount: l.args.amount!,
      market: l.args.market!,
      vaultId: l.args.vaultId!,
      recipient: l.args.account!,
      originChainId: d.outpost.chainId,
      destinationChainId: d.gateway.chainId,
      dispatchTx: l.transactionHash,
      dispatchBlock: l.blockNumber,
    })),
    ...releases.map((l) => ({
      id: l.args.messageId!,
      kind: "release" as const,
      nonce: l.args.nonce!,
      from: l.args.from!,
      token: l.args.claim!,
      amount: l.args.amount!,
      recipient: l.args.recipient!,
      originChainId: d.gateway.chainId,
      destinationChainId: d.outpost.chainId,
      dispatchTx: l.transactionHash,
      dispatchBlock: l.blockNumber,
    })),
  ];
  const who = opts.account?.toLowerCase();
  const mine = who ? views.filter((v) => v.from.toLowerCase() === who || v.recipient.toLowerCase() === who) : views;
  const units = await tokenUnits(d, a, b, mine);
  return Promise.all(
    mine.map(async (m) => {
      const v = { ...m, ...units.get(`${m.kind}:${m.token}`)! };
      const [client, mailbox] = v.kind === "credit" ? [a, d.gateway.hyperlane.mailbox] : [b, d.outpost.hyperlane.mailbox];
      const delivered = await client.readContract({ address: mailbox, abi: mailboxAbi, functionName: "delivered", args: [v.id] });
      if (!delivered) {
        const failure = await deliveryFailure(v.kind === "credit" ? b : a, client, mailbox, v);
        return failure ? { ...v, state: "failed" as const, failure } : { ...v, state: "dispatched" as const };
      }
      if (v.kind === "release") return { ...v, state: "delivered" as const };
      const landed = refusedNonces.has(v.nonce) ? ("refused" as const) : toAccountNonces.has(v.nonce) ? ("account" as const) : ("vault" as const);
      return { ...v, state: "delivered" as const, landed };
    }),
  );
}

const erc20UnitsAbi = parseAbi(["function symbol() view returns (string)", "function decimals() view returns (uint8)"]);

/** The symbol and decimals of each message's token (key `kind:token`): the deployment's, else the token's own. */
async function tokenUnits(
  d: CrossChainDeployment,
  a: ReadClient,
  b: ReadClient,
  messages: Pick<CrossChainMessageView, "kind" | "token">[],
): Promise<Map<string, { symbol: string; decimals: number }>> {
  const units = new Map<string, { symbol: string; decimals: number }>();
  await Promise.all(
    [...new Set(messages.map((m) => `${m.kind}:${m.token}`))].map(async (key) => {
      const [kind, token] = key.split(":") as [CrossChainMessageView["kind"], Address];
      const known = kind === "credit" ? d.outpost.tokens.find((t) => t.token === token) : d.outpost.tokens.find((t) => t.claim === token);
      const claim = kind === "release" ? d.gateway.claims.find((c) => c.claim === token) : undefined;
      if (known) {
        units.set(key, { symbol: kind === "credit" ? known.asset : (claim?.symbol ?? known.asset), decimals: known.decimals });
        return;
      }
      const client = kind === "credit" ? b : a;
      try {
        const [symbol, decimals] = await Promise.all([
          client.readContract({ address: token, abi: erc20UnitsAbi, functionName: "symbol" }),
          client.readContract({ address: token, abi: erc20UnitsAbi, functionName: "decimals" }),
        ]);
        units.set(key, { symbol, decimals });
      } catch {
        units.set(key, { symbol: shortAddress(token), decimals: 0 });
      }
    }),
  );
  return units;
}

/**
 * Why delivering an undelivered message would revert now, or null when it would not (or the simulation could not say:
 * a node that does not answer is not a failed message). Reads the message from its dispatch transaction on `origin`
 * and simulates the recipient's `handle` on `destination` as its Mailbox calls it (after the ISM's check, which a
 * relayer's metadata passes).
 */
async function deliveryFailure(
  origin: ReadClient,
  destination: ReadClient,
  mailbox: Address,
  v: Pick<CrossChainMessageView, "id" | "kind" | "dispatchTx">,
): Promise<DescribedError | null> {
  const receipt = await origin.getTransactionReceipt({ hash: v.dispatchTx });
  let raw: Hex | undefined;
  for (const l of receipt.logs) {
    try {
      const e = decodeEventLog({ abi: mailboxAbi, data: l.data, topics: l.topics, eventName: "Dispatch" });
      if (parseMessage(e.args.message).id === v.id) raw = e.args.message;
    } catch {
      // another event of the transaction
    }
  }
  if (!raw) return null;
  const m = parseMessage(raw);
  try {
    await destination.simulateContract({
      address: bytes32ToAddress(m.recipient),
      abi: v.kind === "credit" ? collateralGatewayCallAbi : collateralOutpostCallAbi,
      functionName: "handle",
      args: [m.origin, m.sender, m.body],
      account: mailbox,
    });
    return null;
  } catch (e) {
    const d = describeError(e);
    return d.kind === "revert" ? d : null;
  }
}
