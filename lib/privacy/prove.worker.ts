/**
 * The browser's proving worker: downloads the circuit's witness generator and proving key once (from the app's own
 * /api/zk route, with progress), then proves each action it is sent, off the main thread. The circuit input — which
 * holds the owner key and the notes' blindings — arrives by postMessage and never leaves this worker; only the proof
 * and public signals go back.
 */
import { proveAction, type CircuitInput, type SolidityProof } from "./prover";

export const ZK_ARTIFACTS = { wasm: "/api/zk/private_vault.wasm", zkey: "/api/zk/private_vault.zkey" } as const;

export type ProveRequest = { id: number; input: CircuitInput };
export type ProveMessage =
  | { id: number; type: "download"; loaded: number; total: number }
  | { id: number; type: "proving" }
  | { id: number; type: "done"; proof: SolidityProof; publicSignals: bigint[]; ms: number }
  /** `constraint`: the witness does not satisfy the circuit (the action is not provable: amounts, limit, note). */
  | { id: number; type: "error"; reason: "download" | "constraint" | "prover"; message: string };

let artifacts: Promise<{ wasm: Uint8Array; zkey: Uint8Array }> | null = null;

async function fetchAll(onProgress: (loaded: number, total: number) => void) {
  const responses = await Promise.all([fetch(ZK_ARTIFACTS.wasm), fetch(ZK_ARTIFACTS.zkey)]);
  for (const r of responses) if (!r.ok || !r.body) throw new Error(`${r.url}: HTTP ${r.status}`);
  const totals = responses.map((r) => Number(r.headers.get("content-length") ?? 0));
  const total = totals.reduce((a, b) => a + b, 0);
  const loaded = [0, 0];
  const read = async (r: Response, i: number) => {
    const reader = r.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded[i]! += value.length;
      onProgress(loaded[0]! + loaded[1]!, total);
    }
    const out = new Uint8Array(loaded[i]!);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  };
  const [wasm, zkey] = await Promise.all(responses.map(read));
  return { wasm: wasm!, zkey: zkey! };
}

const post = (m: ProveMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<ProveRequest>) => {
  const { id, input } = e.data;
  let files: { wasm: Uint8Array; zkey: Uint8Array };
  try {
    artifacts ??= fetchAll((loaded, total) => post({ id, type: "download", loaded, total }));
    files = await artifacts;
  } catch (err) {
    artifacts = null;
    post({ id, type: "error", reason: "download", message: err instanceof Error ? err.message : String(err) });
    return;
  }
  post({ id, type: "proving" });
  const start = performance.now();
  try {
    const { solidity, publicSignals } = await proveAction(input, files, { singleThread: true });
    post({ id, type: "done", proof: solidity, publicSignals, ms: Math.round(performance.now() - start) });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    post({ id, type: "error", reason: /assert failed/i.test(message) ? "constraint" : "prover", message });
  }
};
