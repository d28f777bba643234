/**
 * The keeper's private-pool liquidator (KeelPrivatePool, docs/private-vaults.md "How a liquidation runs"):
 *
 *   mirror → price → prove → liquidate → claim
 *
 * - mirror (`PoolMirror`): the pool's trees rebuilt from its events, read in pages from its deployment block and then
 *   incrementally — `NoteInserted` (commitments, in global position order: a full tree of 2^20 leaves is frozen and the
 *   next position opens a new one, circuit v3), `NoteEncrypted` (each note's ciphertext, decrypted with the liquidators'
 *   key and checked against its commitment), `NoteInsertedAside` (a liquidation's remainder or an owner's aside rescue,
 *   alone in a tree of its own, with its ciphertext; its nullifier at leaf 0) and `NoteSpent` (nullifiers);
 * - price: the pool's own inputs at the latest block — the oracle's `prices(collateral, base)` (a stale, future or
 *   out-of-bounds round reverts: the pass logs it and waits), the market's liquidation threshold (the pool's, audit3 A3-P1)
 *   and `pool.debtIndex()` — and `noteHealth` of every live note with debt;
 * - prove: each due note's liquidation witness (`liquidationWitness`, seizing `maxSeized`) proven in Node with snarkjs,
 *   in leaf order, against the tree as the liquidations proven before it in the pass will leave it (audit f L-1: a
 *   remainder's insertion is fixed by its proof; an exit changes no root);
 * - liquidate: one exact approval of their debts (with one basis point for the interest of the next blocks) from the
 *   keeper's base-asset balance, then for each an eth_call of `liquidate` against the pending block (a rejected proof,
 *   a spent note or a moved root is caught here, for no gas, and stops the chain) and the transaction at the keeper's
 *   next nonce, none waiting for the one before it to be mined; then the receipts, and the allowance left reset to
 *   zero. A liquidation
 *   that leaves the owner some collateral inserts the remainder, proven against the pool's current root (circuit v3):
 *   a `StaleRoot` — another action landed while proving, or before it in its block — is not a failure, the note is
 *   proven again at the next pass, without backing off; nor is an `UnknownRoot` (the note's membership root left the
 *   pool's ring). That next attempt, and every later one, is an aside liquidation (`liquidateAside`, audit h M-1): the
 *   remainder inserted at leaf 0 of an empty tree of its own, a constant insertion root no action landing first can
 *   make stale — so an owner landing a cheap action every block cannot keep the note unliquidated. A liquidation
 *   seizing all the collateral is an exit: it inserts nothing and races for no root;
 * - claim: `claimSeized` when the pool owes the keeper collateral the market refused to release at once.
 *
 * A spent note is never tried again; a note whose proof or transaction failed waits `retryAfterBlocks` blocks, doubled
 * after each further failure. JSON-line logs (`private-*`) and counters.
 */
import { erc20Abi, parseAbi, parseEventLogs, type Abi, type Address, type Hex, type PublicClient } from "viem";
import { keelErrorsAbi } from "../contracts-abi/call";
import { keelMarketAbi, keelOracleAbi } from "../contracts-abi";
import { isLocalChainId } from "../lib/config/chains";
import { withGasMargin } from "../lib/tx/gas";
import { SUBORDER } from "../lib/privacy/babyjub";
import { decryptNote, DEV_LIQUIDATORS_SECRET, isDevLiquidatorsSecret, type NoteOpening } from "../lib/privacy/liquidators";
import {
  actionBinding,
  commitmentOf,
  isExit,
  liquidationWitness,
  maxSeized,
  noteHealth,
  nullifierOf,
  poolThresholds,
  type LtvInputs,
} from "../lib/privacy/note";
import { CIRCUIT_ARTIFACTS } from "../lib/privacy/artifacts";
import { proveAction, type Artifacts, type CircuitInput } from "../lib/privacy/prover";
import { MerkleTree } from "../lib/privacy/tree";
import type { clientsFor } from "../lib/server/clients";
import type { NonceManager } from "./agent-log";
import { describeError } from "./revert";
import { sameAddress } from "../lib/config/address";

/** The part of KeelPrivatePool the keeper uses (contracts/src/privacy/KeelPrivatePool.sol). */
export const privatePoolAbi = parseAbi([
  "struct Groth16Proof { uint256[2] a; uint256[2][2] b; uint256[2] c; }",
  "struct NoteTransition { uint256 root; uint256 newRoot; uint256 nullifier; uint256 newCommitment; uint256 ephKey; uint256[3] ciphertext; uint256 memberRoot; uint256 memberSlot; }",
  "function liquidate(Groth16Proof proof, NoteTransition t, uint256 seized, uint256 shares, address recipient, uint256 provenDebtIndex, bytes memo) returns (uint256)",
  "function liquidateAside(Groth16Proof proof, NoteTransition t, uint256 seized, uint256 shares, address recipient, uint256 provenDebtIndex, bytes memo) returns (uint256)",
  "function claimSeized(address recipient)",
  "function seizedOwed(address liquidator) view returns (uint256)",
  "function totalSeizedOwed() view returns (uint256)",
  "function nullifierSpent(uint256 nullifier) view returns (bool)",
  "function noteCollateral() view returns (uint256)",
  "function noteShares() view returns (uint256)",
  "function debtIndex() view returns (uint256)",
  "function minBorrow() view returns (uint256)",
  "function market() view returns (address)",
  "function oracle() view returns (address)",
  "function collateral() view returns (address)",
  "function base() view returns (address)",
  "function vaultId() view returns (uint256)",
  "event NoteInserted(uint256 indexed commitment, uint256 indexed leafIndex, uint256 root)",
  "event NoteSpent(uint256 indexed nullifier)",
  "event NoteEncrypted(uint256 indexed leafIndex, uint256 ephKey, uint256[3] ciphertext)",
  "event NoteInsertedAside(uint256 indexed commitment, uint256 root, uint256 ephKey, uint256[3] ciphertext)",
  "event PrivateAction(uint8 indexed kind, uint256 amount, uint256 shares, address indexed recipient, uint256 leafIndex, bytes memo)",
  "event SeizedOwed(address indexed liquidator, uint256 amount)",
  "error ZeroAmount()",
  "error AmountTooLarge(uint256 amount)",
  "error StaleRoot(uint256 proven, uint256 current)",
  "error UnknownRoot(uint256 root)",
  "error NoteAlreadySpent(uint256 nullifier)",
  "error NotInField(uint256 value)",
  "error ZeroRecipient()",
  "error DebtIndexAboveProof(uint256 current, uint256 proven)",
  "error DebtIndexAboveCurrent(uint256 current, uint256 proven)",
  "error InvalidProof()",
]);
/** The pool's errors and the ones its calls bubble up (the market's, the oracle's). */
const revertAbi = [...privatePoolAbi, ...keelErrorsAbi] as Abi;

/**
 * The liquidators' Baby Jubjub secret for `chainId`: `KEEL_LIQUIDATORS_SECRET` (hex or decimal), else the development
 * secret on a local chain only. The development secret is public: on any other chain it is refused, set or not.
 */
export function liquidatorsSecret(chainId: number, env: Record<string, string | undefined> = process.env): bigint {
  const raw = env.KEEL_LIQUIDATORS_SECRET?.trim();
  let secret: bigint;
  if (raw) {
    try {
      secret = BigInt(raw);
    } catch {
      throw new Error("KEEL_LIQUIDATORS_SECRET: not a number (hex 0x… or decimal)");
    }
    if (secret <= 0n || secret >= SUBORDER) throw new Error("KEEL_LIQUIDATORS_SECRET: out of range (1 … Baby Jubjub's subgroup order − 1)");
  } else if (isLocalChainId(chainId)) {
    secret = DEV_LIQUIDATORS_SECRET;
  } else {
    throw new Error(`chain ${chainId}: set KEEL_LIQUIDATORS_SECRET (the development liquidators' key is for local chains only)`);
  }
  if (!isLocalChainId(chainId) && isDevLiquidatorsSecret(secret)) {
    throw new Error(`chain ${chainId}: KEEL_LIQUIDATORS_SECRET is the public development key; refused outside a local chain`);
  }
  return secret;
}

/** A note of the pool as the liquidators see it. */
export interface MirroredNote {
  leafIndex: number;
  opening: NoteOpening;
  nullifier: bigint;
  /**
   * A note inserted aside (a liquidation's remainder, or an owner's rescue that may still owe): the root of its own
   * one-note tree (it is at leaf 0 there), against which its liquidation proves membership.
   */
  asideRoot?: bigint;
}

/**
 * The pool's tree and notes, mirrored from its events. `sync(toBlock)` reads the blocks not read yet in pages of
 * `pageBlocks`; the mirror only ever moves forward (a reorg deeper than the block read would need a new mirror).
 */
export class PoolMirror {
  readonly tree = new MerkleTree();
  /** Decrypted notes by leaf; leaves whose ciphertext does not open their commitment are counted in `undecryptable`. */
  readonly notes = new Map<number, MirroredNote>();
  /**
   * Decrypted notes inserted aside (`NoteInsertedAside`: a liquidation's remainder, debt-free, or an owner's rescue —
   * depositAside, repayAside — which may still owe and is watched like any note), alone at leaf 0 of its own tree, by
   * that tree's root; in no tree of `tree`.
   */
  readonly aside = new Map<bigint, MirroredNote>();
  readonly spent = new Set<bigint>();
  undecryptable = 0;
  /** Every commitment inserted, in position order (for `copyTree`). */
  private readonly leaves: bigint[] = [];
  private next: bigint;
  private readonly ciphertexts = new Map<number, { ephKey: bigint; ct: readonly [bigint, bigint, bigint] }>();

  constructor(
    private readonly publicClient: PublicClient,
    readonly pool: Address,
    fromBlock: bigint,
    private readonly secret: bigint,
    private readonly pageBlocks = 2_000n,
  ) {
    this.next = fromBlock;
  }

  /** Reads the pool's events up to `toBlock`. */
  async sync(toBlock: bigint) {
    while (this.next <= toBlock) {
      const to = this.next + this.pageBlocks - 1n < toBlock ? this.next + this.pageBlocks - 1n : toBlock;
      const logs = await this.publicClient.getLogs({ address: this.pool, fromBlock: this.next, toBlock: to });
      const events = parseEventLogs({ abi: privatePoolAbi, logs, strict: true });
      for (const ev of events) {
        if (ev.eventName === "NoteEncrypted") {
          this.ciphertexts.set(Number(ev.args.leafIndex), { ephKey: ev.args.ephKey, ct: ev.args.ciphertext });
        } else if (ev.eventName === "NoteSpent") {
          this.spent.add(ev.args.nullifier);
        } else if (ev.eventName === "NoteInsertedAside") {
          const { commitment, root, ephKey, ciphertext } = ev.args;
          const opening = decryptNote({ ephKey, ct: ciphertext }, this.secret);
          if (!opening || commitmentOf(opening) !== commitment) {
            this.undecryptable++;
            continue;
          }
          this.aside.set(root, { leafIndex: 0, opening, nullifier: nullifierOf(opening, 0), asideRoot: root });
        }
      }
      // Leaves in order: NoteEncrypted follows NoteInserted in the same transaction, so read every ciphertext first.
      for (const ev of events) {
        if (ev.eventName !== "NoteInserted") continue;
        const leafIndex = Number(ev.args.leafIndex);
        if (leafIndex !== this.tree.size) throw new Error(`pool ${this.pool}: leaf ${leafIndex} inserted where the mirror expects ${this.tree.size}`);
        this.tree.insert(ev.args.commitment);
        this.leaves.push(ev.args.commitment);
        const c = this.ciphertexts.get(leafIndex);
        this.ciphertexts.delete(leafIndex);
        const opening = c ? decryptNote(c, this.secret) : null;
        if (!opening || commitmentOf(opening) !== ev.args.commitment) {
          this.undecryptable++;
          continue;
        }
        this.notes.set(leafIndex, { leafIndex, opening, nullifier: nullifierOf(opening, leafIndex) });
      }
      this.next = to + 1n;
    }
  }

  /**
   * A copy of the mirrored trees, to project the keeper's own insertions on without touching the mirror (rebuilt from
   * the commitments: 20 hashes a leaf).
   */
  copyTree(): MerkleTree {
    return new MerkleTree(this.leaves);
  }

  /** Notes not spent, with debt (the only ones a liquidation concerns): the trees' and any inserted aside. */
  liveWithDebt(): MirroredNote[] {
    return [...this.notes.values(), ...this.aside.values()].filter((n) => !this.spent.has(n.nullifier) && n.opening.shares > 0n);
  }
}

/** A contract call the keeper sends. */
type Request = { address: Address; abi: Abi; functionName: string; args: readonly unknown[] };

/** A liquidation proven and ready to send (`land`). */
interface ProvenLiquidation {
  note: MirroredNote;
  seized: bigint;
  /** The base asset the pool may pull for it (the debt and one basis point of interest). */
  repay: bigint;
  /** All the collateral seized: nothing inserted. */
  exits: boolean;
  /** The remainder inserted aside (`liquidateAside`): no current root raced for, none changed. */
  aside: boolean;
  proveMs: number;
  request: Request;
}

export interface PrivatePoolConfig {
  pool: Address;
  /** The pool's deployment block (its first event). */
  fromBlock: bigint;
  /** The liquidators' secret; `liquidatorsSecret(chainId)` when absent. */
  secret?: bigint;
  artifacts?: Artifacts;
  /** Blocks per log page. */
  pageBlocks?: bigint;
  /** Blocks a note waits after a failed proof or transaction before it is tried again (doubled each further time). */
  retryAfterBlocks?: bigint;
}

export interface PrivateStats {
  passes: number;
  /** Notes the liquidators' key opened, in the pool's trees and aside (spent ones included). */
  notesSeen: number;
  liquidatableSeen: number;
  liquidations: number;
  seized: bigint;
  repaid: bigint;
  claimed: bigint;
  failures: number;
  /** Milliseconds of each liquidation from the start of its pass to its receipt, and of its proof. */
  liquidationMs: number[];
  proveMs: number[];
}

type Clients = Pick<ReturnType<typeof clientsFor>, "publicClient" | "walletClient" | "account">;

/** The private-pool liquidator of one keeper account: `pass()` runs one mirror → … → claim pass at the latest block. */
export function privateLiquidator(
  c: Clients,
  nonces: NonceManager,
  cfg: PrivatePoolConfig,
  log: (event: string, fields?: Record<string, unknown>) => void,
) {
  const { publicClient, walletClient, account } = c;
  const pool = cfg.pool;
  const artifacts = cfg.artifacts ?? CIRCUIT_ARTIFACTS;
  const retryAfter = cfg.retryAfterBlocks ?? 10n;
  const stats: PrivateStats = {
    passes: 0,
    notesSeen: 0,
    liquidatableSeen: 0,
    liquidations: 0,
    seized: 0n,
    repaid: 0n,
    claimed: 0n,
    failures: 0,
    liquidationMs: [],
    proveMs: [],
  };
  /** Notes that failed: the block they may be tried again at, and how many times they failed. */
  const backoff = new Map<bigint, { at: bigint; failures: number }>();
  /**
   * Notes (by nullifier) whose liquidation lost the race for the pool's current root at least once (`StaleRoot`, or
   * `UnknownRoot`): each later attempt inserts the remainder aside, where no action landing first can make it stale
   * (audit h M-1: an owner landing a cheap action every block cannot keep the note unliquidated).
   */
  const raced = new Set<bigint>();
  const lostRace = (reason: string) => reason.startsWith("StaleRoot") || reason.startsWith("UnknownRoot");
  let setup: Promise<{
    mirror: PoolMirror;
    market: Address;
    oracle: Address;
    collateral: Address;
    base: Address;
    chainId: number;
    minDebt: bigint;
  }> | null = null;

  const read = <T>(functionName: string, args: readonly unknown[] = [], blockNumber?: bigint) =>
    publicClient.readContract({ address: pool, abi: privatePoolAbi, functionName, args, blockNumber } as never) as Promise<T>;

  function init() {
    setup ??= (async () => {
      const chainId = await publicClient.getChainId();
      const secret = cfg.secret ?? liquidatorsSecret(chainId);
      if (!isLocalChainId(chainId) && isDevLiquidatorsSecret(secret)) {
        throw new Error(`chain ${chainId}: the development liquidators' key is public; refused outside a local chain`);
      }
      const [market, oracle, collateral, base, minDebt] = await Promise.all([
        read<Address>("market"),
        read<Address>("oracle"),
        read<Address>("collateral"),
        read<Address>("base"),
        read<bigint>("minBorrow"),
      ]);
      const mirror = new PoolMirror(publicClient, pool, cfg.fromBlock, secret, cfg.pageBlocks);
      return { mirror, market, oracle, collateral, base, chainId, minDebt };
    })().catch((e: unknown) => {
      setup = null;
      throw e;
    });
    return setup;
  }

  /**
   * A transaction at the keeper's next nonce, sent (not waited for); its gas limit 30% over the estimate (the market
   * accrues interest on a block's first call: mined in a later block, the call can need more than it was estimated at),
   * estimated at `blockTag` — "pending" for a liquidation chained after the keeper's own, sent but maybe not mined.
   */
  async function submit(request: Request, blockTag: "latest" | "pending" = "latest") {
    const gas = withGasMargin(
      await publicClient.estimateContractGas({ ...request, account, blockTag } as Parameters<typeof publicClient.estimateContractGas>[0]),
    );
    const nonce = await nonces.take();
    let hash: Hex;
    try {
      hash = await walletClient.writeContract({
        gas,
        ...request,
        account,
        chain: walletClient.chain,
        nonce,
      } as Parameters<typeof walletClient.writeContract>[0]);
    } catch (e) {
      nonces.release(nonce);
      throw e;
    }
    nonces.sent(nonce, hash);
    return { hash, nonce };
  }

  /** The receipt of a transaction `submit` sent. */
  async function settle({ hash, nonce }: { hash: Hex; nonce: number }) {
    try {
      return await publicClient.waitForTransactionReceipt({ hash });
    } finally {
      nonces.mined(nonce);
    }
  }

  /** A transaction at the keeper's next nonce, to its receipt. */
  const send = async (request: Request) => settle(await submit(request));

  function failed(nullifier: bigint, block: bigint) {
    stats.failures++;
    const failures = (backoff.get(nullifier)?.failures ?? 0) + 1;
    const wait = retryAfter << BigInt(Math.min(failures - 1, 10));
    backoff.set(nullifier, { at: block + wait, failures });
  }

  /** The pool's inputs at `block`, or null (logged) when the oracle refuses its prices. */
  async function chainInputs(s: Awaited<ReturnType<typeof init>>, block: bigint): Promise<LtvInputs | null> {
    try {
      const [[collateralPrice, debtPrice], info, debtIndex] = await Promise.all([
        publicClient.readContract({
          address: s.oracle,
          abi: keelOracleAbi,
          functionName: "prices",
          args: [s.collateral, s.base],
          blockNumber: block,
        }),
        publicClient.readContract({
          address: s.market,
          abi: keelMarketAbi,
          functionName: "collateralInfo",
          args: [s.collateral],
          blockNumber: block,
        }),
        read<bigint>("debtIndex", [], block),
      ]);
      const threshold = poolThresholds({ ltv: BigInt(info.ltv), liquidationThreshold: BigInt(info.liquidationThreshold) });
      return { collateralPrice, debtPrice, ltv: threshold.liquidation, debtIndex };
    } catch (e) {
      log("private-oracle-unavailable", { block, error: describeError(e) });
      return null;
    }
  }

  /**
   * Plans and proves the liquidation of `note` against `tree` — the pool's tree as the liquidations proven before it in
   * this pass will leave it (audit f L-1) — or null (logged) when the note is spent, under water, beyond what is left of
   * the keeper's base-asset `budget`, or its proof failed. A liquidation leaving the owner a remainder inserts it into
   * `tree` when `project` (its proof fixes the new root, so the next one can be proven against it before it is mined);
   * an exit (all the collateral seized) inserts nothing and changes no root. A note whose liquidation lost a race before
   * (`raced`) is proven aside: its remainder goes to leaf 0 of an empty tree of its own (`liquidateAside`), `tree` only
   * proves the note's membership and is left as it is.
   */
  async function proveLiquidation(
    s: Awaited<ReturnType<typeof init>>,
    note: MirroredNote,
    inputs: LtvInputs,
    block: bigint,
    chain: { tree: MerkleTree; project: boolean; budget: bigint },
  ): Promise<ProvenLiquidation | null> {
    const { opening, leafIndex, nullifier } = note;
    if (await read<boolean>("nullifierSpent", [nullifier])) {
      s.mirror.spent.add(nullifier);
      raced.delete(nullifier);
      log("private-skipped", { leafIndex, reason: "spent" });
      return null;
    }
    const health = noteHealth(opening, inputs);
    const seized = maxSeized(opening, inputs);
    // A note whose collateral is worth less than its debt would be liquidated at a loss: the market's own liquidation
    // of the pool's vault is the backstop (docs/private-vaults.md).
    const seizedValue = (seized * inputs.collateralPrice) / 10n ** 18n;
    if (seized === 0n || seizedValue < health.debtValue) {
      log("private-skipped", { leafIndex, reason: "under water", debtValue: health.debtValue, seizedValue });
      backoff.set(nullifier, { at: block + retryAfter, failures: backoff.get(nullifier)?.failures ?? 0 });
      return null;
    }
    // What the pool pulls: the shares' value rounded up at the market's state when mined (≤ the debt index's value),
    // plus one basis point for the interest of the next blocks.
    const repay = health.debtAssets + health.debtAssets / 10_000n + 1n;
    if (chain.budget < repay) {
      log("private-skipped", { leafIndex, reason: "balance", needed: repay, balance: chain.budget });
      backoff.set(nullifier, { at: block + retryAfter, failures: backoff.get(nullifier)?.failures ?? 0 });
      return null;
    }
    const recipient = account.address;
    const memo: Hex = "0x";
    // a whole seizure is an exit: it races for no root, so it never needs to go aside
    const aside = raced.has(nullifier) && seized < opening.collateral;
    const { input, next, memberSlot } = liquidationWitness(chain.tree, {
      old: { ...opening, leafIndex, ...(note.asideRoot !== undefined ? { asideRoot: note.asideRoot } : {}) },
      seized,
      aside,
      ltvInputs: inputs,
      minDebt: s.minDebt,
      binding: actionBinding({ pool, chainId: s.chainId }, recipient, memo),
    });
    const proveStart = Date.now();
    let proof;
    try {
      proof = await proveAction(input as CircuitInput, artifacts);
    } catch (e) {
      failed(nullifier, block);
      log("private-prove-failed", { leafIndex, error: describeError(e) });
      return null;
    }
    const proveMs = Date.now() - proveStart;
    stats.proveMs.push(proveMs);
    chain.budget -= repay;
    if (chain.project && !isExit(next) && !aside) chain.tree.insert(input.newCommitment);
    const args = [
      proof.solidity,
      {
        root: input.root,
        newRoot: input.newRoot,
        nullifier: input.nullifier,
        newCommitment: input.newCommitment,
        ephKey: input.ephKey,
        ciphertext: [input.ct0, input.ct1, input.ct2],
        memberRoot: input.memberRoot,
        memberSlot: BigInt(memberSlot),
      },
      seized,
      opening.shares,
      recipient,
      inputs.debtIndex,
      memo,
    ] as const;
    return {
      note,
      seized,
      repay,
      exits: isExit(next),
      aside,
      proveMs,
      request: { address: pool, abi: revertAbi, functionName: aside ? "liquidateAside" : "liquidate", args },
    };
  }

  /**
   * Lands the pass's proven liquidations one after another without waiting a receipt per note (audit f L-1): one exact
   * approval of their repayments together, then each checked by an eth_call against the pending block (the keeper's
   * earlier liquidations first) and sent at the next nonce; then the receipts. A liquidation refused by its eth_call
   * (spent, a foreign action moved the root…) stops the chain there: the notes after it were proven against the roots
   * it would give, and wait for the next pass — unless it is an aside liquidation (first in the chain), on whose root
   * nothing after it depends. Of the transactions that reverted, only the first counts as a failure (the ones after it
   * were proven against its root), and not even it when replayed at its block it meets `StaleRoot` or `UnknownRoot`: a
   * race lost in the block (another action mined before it), its note then proven aside at the next pass.
   */
  async function land(s: Awaited<ReturnType<typeof init>>, chain: ProvenLiquidation[], block: bigint, t0: number) {
    if (!chain.length) return;
    try {
      await send({ address: s.base, abi: erc20Abi as Abi, functionName: "approve", args: [pool, chain.reduce((sum, l) => sum + l.repay, 0n)] });
    } catch (e) {
      for (const l of chain) failed(l.note.nullifier, block);
      log("private-approve-failed", { error: describeError(e) });
      await resetAllowance(s);
      return;
    }
    const sent: { l: ProvenLiquidation; tx: { hash: Hex; nonce: number } }[] = [];
    try {
      for (const l of chain) {
        const { leafIndex, nullifier } = l.note;
        try {
          await publicClient.simulateContract({ ...l.request, account, blockTag: "pending" } as Parameters<typeof publicClient.simulateContract>[0]);
        } catch (e) {
          const reason = describeError(e);
          if (reason.startsWith("NoteAlreadySpent")) {
            s.mirror.spent.add(nullifier);
            raced.delete(nullifier);
          } else if (lostRace(reason)) raced.add(nullifier);
          else failed(nullifier, block);
          log("private-rejected", { leafIndex, reason, aside: l.aside });
          if (l.aside) continue;
          break;
        }
        try {
          const tx = await submit(l.request, "pending");
          sent.push({ l, tx });
          log("private-sent", { leafIndex, hash: tx.hash, nonce: tx.nonce });
        } catch (e) {
          failed(nullifier, block);
          log("private-send-failed", { leafIndex, error: describeError(e) });
          break;
        }
      }
      let reverted = false;
      for (const { l, tx } of sent) {
        const { leafIndex, nullifier } = l.note;
        try {
          const receipt = await settle(tx);
          if (receipt.status !== "success") {
            // what the first revert meets replayed at its block (the ones after it were proven against its root)
            const reason = reverted ? undefined : await replay(l.request, receipt.blockNumber);
            if (reason !== undefined && lostRace(reason)) raced.add(nullifier);
            else if (!reverted) failed(nullifier, block);
            log("private-reverted", { leafIndex, hash: receipt.transactionHash, reason, afterRevert: reverted, aside: l.aside });
            // an aside liquidation changes no root: the ones after it do not depend on it
            if (!l.aside) reverted = true;
            continue;
          }
          s.mirror.spent.add(nullifier);
          raced.delete(nullifier);
          const events = parseEventLogs({ abi: privatePoolAbi, logs: receipt.logs });
          const action = events.find((ev) => ev.eventName === "PrivateAction");
          const owed = events.find((ev) => ev.eventName === "SeizedOwed");
          const insertedAside = events.find((ev) => ev.eventName === "NoteInsertedAside");
          const repaid = parseEventLogs({ abi: erc20Abi, logs: receipt.logs, eventName: "Transfer" }).find(
            (ev) => sameAddress(ev.address, s.base) && sameAddress(ev.args.from, account.address),
          );
          stats.liquidations++;
          stats.seized += l.seized;
          stats.repaid += repaid?.args.value ?? 0n;
          const ms = Date.now() - t0;
          stats.liquidationMs.push(ms);
          log("private-liquidated", {
            leafIndex,
            hash: receipt.transactionHash,
            block: receipt.blockNumber,
            seized: l.seized,
            shares: l.note.opening.shares,
            repaid: repaid?.args.value,
            owed: owed ? l.seized : 0n,
            // a liquidation seizing all the collateral is an exit: no new note (NO_LEAF); an aside one has no leaf in the
            // pool's trees (ASIDE), its remainder is alone in a tree of root `asideRoot`
            newLeaf: l.exits || l.aside || action?.eventName !== "PrivateAction" ? undefined : action.args.leafIndex,
            aside: l.aside,
            asideRoot: insertedAside?.eventName === "NoteInsertedAside" ? insertedAside.args.root : undefined,
            gasUsed: receipt.gasUsed,
            proveMs: l.proveMs,
            ms,
          });
        } catch (e) {
          failed(nullifier, block);
          log("private-send-failed", { leafIndex, error: describeError(e) });
        }
      }
    } finally {
      await resetAllowance(s);
    }
  }

  /** Why `request`, mined in `block` and reverted, reverts replayed against that block's state; undefined if it does not. */
  async function replay(request: Request, block: bigint): Promise<string | undefined> {
    try {
      await publicClient.simulateContract({ ...request, account, blockNumber: block } as Parameters<typeof publicClient.simulateContract>[0]);
      return undefined;
    } catch (e) {
      return describeError(e);
    }
  }

  /** The allowance a liquidation left (the interest headroom not used) back to zero. */
  async function resetAllowance(s: Awaited<ReturnType<typeof init>>) {
    try {
      const left = await publicClient.readContract({ address: s.base, abi: erc20Abi, functionName: "allowance", args: [account.address, pool] });
      if (left > 0n) await send({ address: s.base, abi: erc20Abi as Abi, functionName: "approve", args: [pool, 0n] });
    } catch (e) {
      log("private-allowance-reset-failed", { error: describeError(e) });
    }
  }

  /** Collateral the pool owes the keeper (the market refused to release it at the liquidation), claimed when it can. */
  async function claim(block: bigint) {
    const owed = await read<bigint>("seizedOwed", [account.address]);
    if (owed === 0n) return;
    const request = { address: pool, abi: revertAbi, functionName: "claimSeized", args: [account.address] as const };
    try {
      await publicClient.simulateContract({ ...request, account } as Parameters<typeof publicClient.simulateContract>[0]);
    } catch (e) {
      log("private-claim-deferred", { block, owed, reason: describeError(e) });
      return;
    }
    try {
      const receipt = await send(request);
      if (receipt.status !== "success") {
        log("private-claim-reverted", { owed, hash: receipt.transactionHash });
        return;
      }
      stats.claimed += owed;
      log("private-claimed", { owed, hash: receipt.transactionHash, block: receipt.blockNumber });
    } catch (e) {
      log("private-claim-failed", { owed, error: describeError(e) });
    }
  }

  /** One pass over the latest block. */
  async function pass() {
    const t0 = Date.now();
    stats.passes++;
    const s = await init();
    const block = await publicClient.getBlockNumber({ cacheTime: 0 });
    await s.mirror.sync(block);
    const live = s.mirror.liveWithDebt();
    stats.notesSeen = s.mirror.notes.size + s.mirror.aside.size;
    if (live.length) {
      const inputs = await chainInputs(s, block);
      if (inputs) {
        const due = live.filter((n) => noteHealth(n.opening, inputs).liquidatable && (backoff.get(n.nullifier)?.at ?? -1n) <= block);
        stats.liquidatableSeen += due.length;
        if (due.length) log("private-planned", { block, live: live.length, liquidatable: due.length, undecryptable: s.mirror.undecryptable });
        // Each proven against the tree as the ones before it will leave it (their insertions are deterministic), then
        // all landed in a row. A copy of the mirror's tree when more than one is due (one needs no projection).
        const budget = await publicClient.readContract({ address: s.base, abi: erc20Abi, functionName: "balanceOf", args: [account.address] });
        const chain = { tree: due.length > 1 ? s.mirror.copyTree() : s.mirror.tree, project: due.length > 1, budget };
        const proven: ProvenLiquidation[] = [];
        // The notes that lost a race first: proven aside against the mirror's tree before any projection (their
        // membership root is then the pool's), landed first, and none of the others depends on them.
        const order = [...due.filter((n) => raced.has(n.nullifier)), ...due.filter((n) => !raced.has(n.nullifier))];
        for (const note of order) {
          const l = await proveLiquidation(s, note, inputs, block, chain);
          if (l) proven.push(l);
        }
        await land(s, proven, block, t0);
      }
    }
    await claim(block);
  }

  return { stats, pass, mirror: async () => (await init()).mirror };
}
