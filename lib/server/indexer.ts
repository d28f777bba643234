/** Server side: one GET to the indexer, with a clear error when it is not configured or not answering. */
import { indexerUrl } from "../read/indexer";

/** Why the indexer cannot be had, for the reader's language (`marketHistory.why.<code>` in messages/). */
export type IndexerProblem = "notConfigured" | "noAnswer" | "refused";

export class IndexerUnavailable extends Error {
  constructor(
    message: string,
    readonly code: IndexerProblem,
  ) {
    super(message);
    this.name = "IndexerUnavailable";
  }
}

/** One GET to the indexer at `path`; throws IndexerUnavailable (with its reason's code) unless it answers 2xx. */
async function indexerResponse(path: string, env: Record<string, string | undefined>, timeoutMs: number): Promise<Response> {
  const base = indexerUrl(env);
  if (!base) throw new IndexerUnavailable("no indexer is configured (KEEL_INDEXER_URL is not set)", "notConfigured");
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
  } catch (e) {
    throw new IndexerUnavailable(`the indexer at ${base} does not answer (${(e as Error).message})`, "noAnswer");
  }
  if (!res.ok) {
    const reason = ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `status ${res.status}`;
    throw new IndexerUnavailable(`the indexer refused ${path}: ${reason}`, "refused");
  }
  return res;
}

/**
 * The indexer's answer at `path` as it sends it (the compact book), streamed: its body as it arrives (not held here
 * until its last byte), with its content type.
 */
export async function fetchIndexerBody(
  path: string,
  env: Record<string, string | undefined> = process.env,
): Promise<{ body: ReadableStream<Uint8Array>; contentType: string }> {
  const res = await indexerResponse(path, env, 20_000);
  if (!res.body) throw new IndexerUnavailable(`the indexer sent no body for ${path}`, "noAnswer");
  return { body: res.body, contentType: res.headers.get("content-type") ?? "application/octet-stream" };
}

/** The indexer's JSON at `path` (e.g. `/vaults/31337/0x…/1`); throws IndexerUnavailable when it cannot be had. */
export async function fetchIndexer(path: string, env: Record<string, string | undefined> = process.env): Promise<unknown> {
  const res = await indexerResponse(path, env, 10_000);
  return (await res.json().catch(() => null)) as unknown;
}
