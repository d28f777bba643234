/**
 * Reads of values that never change once a contract is deployed (an `immutable`, such as the steward's risk admin),
 * kept for the page's life: a read repeated on every block would ask the RPC the same question again each time. The
 * first read's promise is kept by `key` and shared by every caller; a failed read is dropped, so the next call reads
 * again. Only for values the contract cannot change: anything a transaction can move belongs in a query refreshed on
 * blocks.
 */
const kept = new Map<string, Promise<unknown>>();

export function readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
  const known = kept.get(key) as Promise<T> | undefined;
  if (known) return known;
  const p = read();
  kept.set(key, p);
  p.catch(() => {
    if (kept.get(key) === p) kept.delete(key);
  });
  return p;
}
