/**
 * The encoded, gzipped book of each market, kept per (chain, market) with the indexer state it was built at, so
 * repeated `/book` requests within one indexed block cost one tiny query and a new block re-encodes once.
 *
 * The version is a string naming that state (the chain's Ponder checkpoint and the book's own blocks): a request whose
 * version differs from the cached one never sees the cached bytes, so a new block or a reorg (Ponder rolls its
 * checkpoint back, then forward) replaces the entry. Concurrent requests for the same version share one build.
 */
export interface BuiltBook {
  body: Uint8Array<ArrayBuffer>;
  vaults: number;
  block: bigint;
}

interface Entry {
  version: string;
  book: Promise<BuiltBook>;
}

export class BookCache {
  private readonly entries = new Map<string, Entry>();

  /** The book of `key` at `version`: the cached one if built at that version, else `build()` (once, shared). */
  get(key: string, version: string, build: () => Promise<BuiltBook>): Promise<BuiltBook> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.book;
    const entry: Entry = { version, book: build() };
    this.entries.set(key, entry);
    // A failed build is never served again: the next request builds anew.
    entry.book.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.book;
  }

  /** Entries held (one per market asked for). */
  get size() {
    return this.entries.size;
  }
}
