/** Server side: one GET to the indexer, with a clear error when it is not configured or not answering. */
import { indexerUrl } from "../indexer";

export class IndexerUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexerUnavailable";
  }
}

/** The indexer's bytes at `path` as it sent them (the compact book), with their content type. */
export async function fetchIndexerBytes(path: string, env: Record<string, string | undefined> = process.env): Promise<{ body: ArrayBuffer; contentType: string }> {
  const base = indexerUrl(env);
  if (!base) throw new IndexerUnavailable("no indexer is configured (KEEL_INDEXER_URL is not set)");
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(20_000), cache: "no-store" });
  } catch (e) {
    throw new IndexerUnavailable(`the indexer at ${base} does not answer (${(e as Error).message})`);
  }
  if (!res.ok) {
    const reason = ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `status ${res.status}`;
    throw new IndexerUnavailable(`the indexer refused ${path}: ${reason}`);
  }
  return { body: await res.arrayBuffer(), contentType: res.headers.get("content-type") ?? "application/octet-stream" };
}

/** The indexer's JSON at `path` (e.g. `/vaults/31337/0x…/1`); throws IndexerUnavailable when it cannot be had. */
export async function fetchIndexer(path: string, env: Record<string, string | undefined> = process.env): Promise<unknown> {
  const base = indexerUrl(env);
  if (!base) throw new IndexerUnavailable("no indexer is configured (KEEL_INDEXER_URL is not set)");
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000), cache: "no-store" });
  } catch (e) {
    throw new IndexerUnavailable(`the indexer at ${base} does not answer (${(e as Error).message})`);
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const reason = (body as { error?: string } | null)?.error ?? `status ${res.status}`;
    throw new IndexerUnavailable(`the indexer refused ${path}: ${reason}`);
  }
  return body;
}
