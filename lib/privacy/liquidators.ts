/**
 * Every new note is encrypted to the liquidators' Baby Jubjub key, and the circuit proves the ciphertext decrypts to
 * it (circuits/private_vault.circom), so an owner cannot hide a position from liquidation. The liquidators decrypt
 * every note, and can liquidate (never spend) those past the pool's threshold.
 *
 * Encryption: ephemeral secret e, ephKey = y(e·B8), key = y(e·LIQ_PUB), ciphertext
 * (collateral + shares·2^96, ownerPub, blinding) + Poseidon(key, i). Decryption recovers the ephemeral point from its
 * y (either sign of x gives the same shared y).
 */
import { poseidon2 } from "poseidon-lite/poseidon2";
import { BASE8, fromY, mul, SUBORDER, type Point } from "./babyjub";
import { FIELD } from "./field";

/**
 * The DEVELOPMENT liquidators' secret (public, like anvil's keys): the committed circuit is compiled for its public
 * key. A deployment compiles the circuit for a key whose secret is held by its liquidators (docs/private-vaults.md).
 */
export const DEV_LIQUIDATORS_SECRET = 0x6b65656c20646576206c697175696461746f7273n % SUBORDER; // "keel dev liquidators"
/** The public key compiled into the circuit (LIQ_PUB_X, LIQ_PUB_Y). */
export const liquidatorsPublicKey = (secret: bigint = DEV_LIQUIDATORS_SECRET): Point => mul(BASE8, secret);
let devPubY: bigint | undefined;
/** LIQ_PUB_Y of the committed (development) circuit: what zk:build refuses in a production ceremony's circuit. */
export const devLiquidatorsPubY = (): bigint => (devPubY ??= liquidatorsPublicKey()[1]);

/**
 * Whether `secret` decrypts what the development key decrypts. Only the y of a shared point is used (`encryptNote`),
 * and y(s·P) = y(−s·P), so the secret and its negation (SUBORDER − s) are the same key: they are compared by their
 * public key's y, never by value (audit zkaudit4 M2c).
 */
export const isDevLiquidatorsSecret = (secret: bigint): boolean => liquidatorsPublicKey(secret)[1] === devLiquidatorsPubY();

const SHARES_SHIFT = 1n << 96n;

/** A note's opening as the liquidators see it: no owner key, only its public key. */
export interface NoteOpening {
  collateral: bigint;
  shares: bigint;
  ownerPub: bigint;
  blinding: bigint;
}

export interface NoteCiphertext {
  ephKey: bigint;
  ct: readonly [bigint, bigint, bigint];
}

const pads = (sharedY: bigint) => [0n, 1n, 2n].map((i) => poseidon2([sharedY, i]));
const add = (a: bigint, b: bigint) => (a + b) % FIELD;
const sub = (a: bigint, b: bigint) => (((a - b) % FIELD) + FIELD) % FIELD;

/**
 * Encrypts `n` to the liquidators with ephemeral secret `ephSecret` (< 2^251, random for each note). A secret that is 0
 * modulo the subgroup order is refused: the circuit accepts it, but its ephemeral key is the identity and the key stream
 * public, so anyone would read the note (audit 2026-12-02-f I-2).
 */
export function encryptNote(n: NoteOpening, ephSecret: bigint, liquidatorsPub: Point = liquidatorsPublicKey()): NoteCiphertext {
  if (ephSecret % SUBORDER === 0n) throw new Error("the ephemeral secret is 0 modulo the subgroup order: the note would be readable by anyone");
  const [p0, p1, p2] = pads(mul(liquidatorsPub, ephSecret)[1]) as [bigint, bigint, bigint];
  return {
    ephKey: mul(BASE8, ephSecret)[1],
    ct: [add(n.collateral + n.shares * SHARES_SHIFT, p0), add(n.ownerPub, p1), add(n.blinding, p2)],
  };
}

/** The note inside `c`, with the liquidators' secret; null when `ephKey` is not a curve point's y. */
export function decryptNote(c: NoteCiphertext, secret: bigint = DEV_LIQUIDATORS_SECRET): NoteOpening | null {
  const eph = fromY(c.ephKey);
  if (eph === null) return null;
  const [p0, p1, p2] = pads(mul(eph, secret)[1]) as [bigint, bigint, bigint];
  const packed = sub(c.ct[0], p0);
  return {
    collateral: packed % SHARES_SHIFT,
    shares: packed / SHARES_SHIFT,
    ownerPub: sub(c.ct[1], p1),
    blinding: sub(c.ct[2], p2),
  };
}
