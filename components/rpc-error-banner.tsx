"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/hooks/use-format";
import { useNowSeconds } from "@/hooks/use-now";

/** What a banner says is out of date (messages: rpcError.what.*). */
export type RpcWhat = "vaults" | "prices" | "marketData" | "vaultData" | "marketVaults";

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
  /** What is shown. */
  what: RpcWhat;
  /** ms since epoch of the last successful read. */
  updatedAt: number;
  hasData: boolean;
  onRetry(): void;
}) {
  const t = useTranslations("rpcError");
  const f = useFormat();
  const now = useNowSeconds();
  const age = now - Math.floor(updatedAt / 1000);
  const thing = t(`what.${what}`);
  return (
    <div
      role="alert"
      data-testid="rpc-error"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-rose-800 bg-rose-950/40 px-4 py-2 text-sm text-rose-200"
    >
      <span className="min-w-0 break-words">
        {t("cannotReach", { chain: chainName, url: rpcUrl })}{" "}
        {hasData ? t.rich("stale", { what: thing, age: () => <span data-testid="stale-age">{f.age(age)}</span> }) : t("none", { what: thing })}
      </span>
      <button onClick={onRetry} className="min-h-11 shrink-0 rounded-md border border-rose-600 px-3 py-1 hover:bg-rose-900 md:min-h-0">
        {t("retry")}
      </button>
    </div>
  );
}
