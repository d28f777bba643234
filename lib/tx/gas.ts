/**
 * Gas to send with, from an estimate: 30 % over it. The engine accrues interest on a block's first call, so a
 * transaction mined in a later block than it was estimated in can need more gas than the estimate (unused gas is not
 * paid). One rule for the app's transactor and the scripts.
 */
export function withGasMargin(estimate: bigint): bigint {
  return (estimate * 130n) / 100n;
}
