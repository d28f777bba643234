"use client";
import { useTranslations } from "next-intl";

const STYLE: Record<string, string> = {
  keel: "bg-sky-950 text-sky-200 ring-sky-800",
  "aave-v3": "bg-violet-950 text-violet-200 ring-violet-800",
  "morpho-blue": "bg-blue-950 text-blue-200 ring-blue-800",
};

/** Which protocol a position lives on: Keel, Aave v3 or Morpho Blue. */
export function ProtocolBadge({ protocol }: { protocol: "keel" | "aave-v3" | "morpho-blue" }) {
  const t = useTranslations("protocols");
  return (
    <span data-testid="protocol-badge" data-protocol={protocol} className={`whitespace-nowrap rounded px-2 py-0.5 text-xs ring-1 ${STYLE[protocol]}`}>
      {t(protocol)}
    </span>
  );
}
