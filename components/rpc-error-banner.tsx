"use client";
import { useNowSeconds } from "@/hooks/use-now";
import { formatAge } from "@/lib/format";

/**
 * A chain's RPC did not answer: says so, how old the data still shown is (or that there is none), and offers a retry.
 * The caller keeps showing the last data, dimmed.
 */
export function RpcErrorBanner({
  chainName,
  rpcUrl,
  what,
  updatedAt,
  hasData,
  onRetry,
}: {
  chainName: string;
  rpcUrl: string;
  /** What is shown, e.g. "prices", "market data". */
  what: string;
  /** ms since epoch of the last successful read. */
  updatedAt: number;
  hasData: boolean;
  onRetry(): void;
}) {
  const now = useNowSeconds();
  const age = now - Math.floor(updatedAt / 1000);
  return (
    <div
      role="alert"
      data-testid="rpc-error"
      className="flex items-center justify-between gap-3 rounded-lg border border-rose-800 bg-rose-950/40 px-4 py-2 text-sm text-rose-200"
    >
      <span>
        Cannot reach {chainName} ({rpcUrl}).{" "}
        {hasData ? (
          <>
            Showing {what} from <span data-testid="stale-age">{formatAge(age)}</span> ago: they may be out of date.
          </>
        ) : (
          `No ${what} yet.`
        )}
      </span>
      <button onClick={onRetry} className="shrink-0 rounded-md border border-rose-600 px-3 py-1 hover:bg-rose-900">
        Retry
      </button>
    </div>
  );
}
