import Link from "next/link";
import { loadChainConfigs } from "@/lib/server/config";

/** 404 for a vault route that names no vault: what a vault's address looks like and the chains configured here. */
export default function VaultNotFound() {
  const chains = loadChainConfigs();
  return (
    <div className="mx-auto mt-16 max-w-lg space-y-3 rounded-xl border border-slate-800 bg-slate-900/60 p-8" data-testid="vault-not-found">
      <h1 className="text-lg font-semibold">No such vault page</h1>
      <p className="text-sm text-slate-300">
        A vault&apos;s address is <code>/vault/&lt;chain id&gt;/&lt;vault id&gt;?market=&lt;market address&gt;</code>: a chain Keel is
        configured for, a whole vault id above 0, and the address of a Keel market on that chain.
      </p>
      <ul className="text-sm text-slate-400">
        {chains.map((c) => (
          <li key={c.id}>
            {c.name} (chain {c.id}): {c.deployment?.markets.map((m) => `${m.name} ${m.address}`).join(", ") || "no market deployed"}
          </li>
        ))}
      </ul>
      <Link href="/" className="inline-block text-sm text-sky-300 hover:underline">
        ← Back to your vaults
      </Link>
    </div>
  );
}
