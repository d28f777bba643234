/**
 * The browser's proving worker: loads the circuit's witness generator and proving key (from the app's own /api/zk
 * route, with progress, kept in Cache Storage and revalidated by ETag so a later visit downloads nothing), then proves
 * each action it is sent, off the main thread. The circuit input — which holds the owner key and the notes' blindings —
 * arrives by postMessage and never leaves this worker; only the proof and public signals go back.
 *
 * The page starts it when /private opens (`preload`: the files and snarkjs's BN254 curve, before the first click) and
 * keeps it for the tab's life: the curve — its WebAssembly and its threads — is built once. With more than two hardware
 * threads (`POOLED`) snarkjs proves with one thread per core (ffjavascript's pool of blob: workers, which the CSP's `worker-src blob:` allows; data moves by
 * transfer, so no SharedArrayBuffer or cross-origin isolation is needed). `bench/zk-browser.ts` measures it.
 */
import * as snarkjs from "snarkjs";
import { proveAction, type CircuitInput, type SolidityProof } from "./prover";

export const ZK_ARTIFACTS = { wasm: "/api/zk/private_vault.wasm", zkey: "/api/zk/private_vault.zkey" } as const;
/** The Cache Storage bucket of the artifacts (each entry keeps the ETag it was served with). */
export const ZK_CACHE = "keel-zk-artifacts";

export type ProveRequest =
  | { id: number; type: "preload" }
  /** `singleThread`: prove on this worker's own thread only (the benchmark's baseline; the page leaves it to `POOLED`). */
  | { id: number; type: "prove"; input: CircuitInput; singleThread?: boolean };
export type ProveMessage =
  | { id: number; type: "download"; loaded: number; total: number }
  /** Preloaded: `downloaded` bytes came over the network (0 when Cache Storage had both files), in `ms`. */
  | { id: number; type: "ready"; downloaded: number; ms: number }
  | { id: number; type: "proving" }
  | { id: number; type: "done"; proof: SolidityProof; publicSignals: bigint[]; ms: number }
  /** `constraint`: the witness does not satisfy the circuit (the action is not provable: amounts, limit, note). */
  | { id: number; type: "error"; reason: "download" | "constraint" | "prover"; message: string };

type Files = { wasm: Uint8Array; zkey: Uint8Array; downloaded: number };
let artifacts: Promise<Files> | null = null;
/** Who hears the download's progress: the request that started it and any that wait on it. */
const progressListeners = new Set<(loaded: number, total: number) => void>();

async function openCache(): Promise<Cache | null> {
  // Cache Storage exists in secure contexts only (https, localhost); elsewhere every visit downloads.
  if (typeof caches === "undefined") return null;
  return caches.open(ZK_CACHE).catch(() => null);
}

/** One artifact: the cached copy when the server answers 304 to its ETag, else the download (then cached). */
async function loadOne(cache: Cache | null, url: string, onBytes: (loaded: number, total: number) => void) {
  const hit = (await cache?.match(url)) ?? null;
  const etag = hit?.headers.get("ETag");
  // no-store: the HTTP cache stays out of it, so the server sees our If-None-Match and a 304 reaches us as one.
  const r = await fetch(url, { cache: "no-store", headers: etag ? { "If-None-Match": etag } : {} });
  if (r.status === 304 && hit) {
    const bytes = new Uint8Array(await hit.arrayBuffer());
    onBytes(bytes.length, bytes.length);
    return { bytes, downloaded: 0 };
  }
  if (!r.ok || !r.body) throw new Error(`${url}: HTTP ${r.status}`);
  const total = Number(r.headers.get("content-length") ?? 0);
  const reader = r.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onBytes(loaded, Math.max(total, loaded));
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const served = r.headers.get("ETag");
  if (cache && served) {
    await cache
      .put(url, new Response(bytes, { headers: { ETag: served, "Content-Type": r.headers.get("Content-Type") ?? "application/octet-stream" } }))
      .catch(() => undefined); // quota: prove anyway, download again next time
  }
  return { bytes, downloaded: loaded };
}

async function loadAll(): Promise<Files> {
  const cache = await openCache();
  const progress = [
    { loaded: 0, total: 0 },
    { loaded: 0, total: 0 },
  ];
  const report = (i: number) => (loaded: number, total: number) => {
    progress[i] = { loaded, total };
    const sum = progress.reduce((s, p) => ({ loaded: s.loaded + p.loaded, total: s.total + p.total }), { loaded: 0, total: 0 });
    progressListeners.forEach((l) => l(sum.loaded, sum.total));
  };
  const [wasm, zkey] = await Promise.all([loadOne(cache, ZK_ARTIFACTS.wasm, report(0)), loadOne(cache, ZK_ARTIFACTS.zkey, report(1))]);
  return { wasm: wasm.bytes, zkey: zkey.bytes, downloaded: wasm.downloaded + zkey.downloaded };
}

/** The artifacts (one load shared by every request), reporting its progress to `id` while it runs. */
async function files(id: number): Promise<Files> {
  const listener = (loaded: number, total: number) => post({ id, type: "download", loaded, total });
  progressListeners.add(listener);
  try {
    artifacts ??= loadAll();
    return await artifacts;
  } catch (err) {
    artifacts = null;
    throw err;
  } finally {
    progressListeners.delete(listener);
  }
}

const post = (m: ProveMessage) => (self as unknown as Worker).postMessage(m);

/**
 * snarkjs's thread pool only with more than two hardware threads: on two, its threads compete with the page's main
 * thread and this worker, and a proof of circuit v2 took 11.1 s pooled against 6.1 s on this worker's thread alone
 * (`npm run bench:zk-browser`, 2 cores, 2026-12-02).
 */
export const POOLED = (globalThis.navigator?.hardwareConcurrency ?? 1) > 2;

self.onmessage = async (e: MessageEvent<ProveRequest>) => {
  const req = e.data;
  const { id } = req;
  const start = performance.now();
  let loaded: Files;
  try {
    loaded = await files(id);
  } catch (err) {
    post({ id, type: "error", reason: "download", message: err instanceof Error ? err.message : String(err) });
    return;
  }
  if (req.type === "preload") {
    // The curve (its WebAssembly and thread pool), cached by ffjavascript for every later proof of this worker (a
    // one-thread curve is built per proof: only the files are preloaded then).
    if (POOLED) await snarkjs.curves.getCurveFromName("bn128").catch(() => undefined);
    post({ id, type: "ready", downloaded: loaded.downloaded, ms: Math.round(performance.now() - start) });
    return;
  }
  post({ id, type: "proving" });
  const proving = performance.now();
  try {
    const { solidity, publicSignals } = await proveAction(req.input, loaded, { singleThread: req.singleThread ?? !POOLED });
    post({ id, type: "done", proof: solidity, publicSignals, ms: Math.round(performance.now() - proving) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    post({ id, type: "error", reason: /assert failed/i.test(message) ? "constraint" : "prover", message });
  }
};
