/** Server side: one GET to the indexer, with a clear error when it is not configured or not answering. */
import { indexerUrl } from "../indexer";

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

/** The indexer's JSON at `path` (e.g. `/vaults/31337/0x…/1`); throws IndexerUnavailable when it cannot be had. */
export async function fetchIndexer(path: string, env: Record<string, string | undefined> = process.env): Promise<unknown> {
  const base = indexerUrl(env);
  if (!base) throw new IndexerUnavailable("no indexer is configured (KEEL_INDEXER_URL is not set)", "notConfigured");
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000), cache: "no-store" });
  } catch (e) {
    throw new IndexerUnavailable(`the indexer at ${base} does not answer (${(e as Error).message})`, "noAnswer");
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const reason = (body as { error?: string } | null)?.error ?? `status ${res.status}`;
    throw new IndexerUnavailable(`the indexer refused ${path}: ${reason}`, "refused");
  }
  return body;
}
