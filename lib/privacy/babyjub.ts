/**
 * Baby Jubjub (the twisted Edwards curve over BN254's scalar field that circomlib uses), as much as the notes'
 * encryption to the liquidators needs: point addition, scalar multiplication, and recovering x from y.
 */
import { FIELD } from "./field";

/** Curve: a·x² + y² = 1 + d·x²·y². */
const A = 168700n;
const D = 168696n;
/** circomlib's Base8: generator of the prime-order subgroup (babyjub.circom's BASE8). */
export const BASE8: Point = [
  5299619240641551281634865583518297030282874472190772894086521144482721001553n,
  16950150798460657717958625567821834550301663161624707787222815936182638968203n,
];
/** Order of the subgroup Base8 generates. */
export const SUBORDER = 2736030358979909402780800718157159386076813972158567259200215660948447373041n;

export type Point = readonly [bigint, bigint];

const mod = (x: bigint) => ((x % FIELD) + FIELD) % FIELD;

function pow(b: bigint, e: bigint): bigint {
  let r = 1n;
  b = mod(b);
  for (; e > 0n; e >>= 1n, b = (b * b) % FIELD) if (e & 1n) r = (r * b) % FIELD;
  return r;
}

const inv = (x: bigint) => {
  if (mod(x) === 0n) throw new Error("no inverse of 0");
  return pow(x, FIELD - 2n);
};

export function add(p: Point, q: Point): Point {
  const [x1, y1] = p;
  const [x2, y2] = q;
  const t = mod(D * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + y1 * x2) * inv(1n + t)), mod((y1 * y2 - A * x1 * x2) * inv(1n - t))];
}

/** k·p (double and add; k any non-negative integer). */
export function mul(p: Point, k: bigint): Point {
  let r: Point = [0n, 1n];
  let b = p;
  for (let e = k; e > 0n; e >>= 1n, b = add(b, b)) if (e & 1n) r = add(r, b);
  return r;
}

/** Square root in the field (Tonelli–Shanks), or null when x is not a square. */
export function sqrt(x: bigint): bigint | null {
  x = mod(x);
  if (x === 0n) return 0n;
  if (pow(x, (FIELD - 1n) / 2n) !== 1n) return null;
  let s = 0n;
  let q = FIELD - 1n;
  while ((q & 1n) === 0n) {
    q >>= 1n;
    s++;
  }
  let z = 2n;
  while (pow(z, (FIELD - 1n) / 2n) !== FIELD - 1n) z++;
  let m = s;
  let c = pow(z, q);
  let t = pow(x, q);
  let r = pow(x, (q + 1n) / 2n);
  while (t !== 1n) {
    let i = 0n;
    for (let t2 = t; t2 !== 1n; t2 = (t2 * t2) % FIELD) i++;
    const b = pow(c, 1n << (m - i - 1n));
    m = i;
    c = (b * b) % FIELD;
    t = (t * c) % FIELD;
    r = (r * b) % FIELD;
  }
  return r;
}

/** A point with this y (one of the two, ±x), or null when none is on the curve. */
export function fromY(y: bigint): Point | null {
  const y2 = mod(y * y);
  const x = sqrt(mod((1n - y2) * inv(A - D * y2)));
  return x === null ? null : [x, mod(y)];
}
