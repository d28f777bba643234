/**
 * Whether two addresses are the same account: EVM addresses compare without case (a checksummed and a lower-case
 * spelling of one address are equal). A missing address matches nothing, not even another missing one.
 */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return a != null && b != null && a.toLowerCase() === b.toLowerCase();
}
