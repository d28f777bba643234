"use client";
import { OracleTable } from "@/components/oracle-table";
import { useKeelChains } from "@/hooks/use-keel-config";

export default function PricesPage() {
  const chains = useKeelChains();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Oracle prices</h1>
        <p className="mt-1 text-sm text-slate-400">
          Every price Keel uses for health factors and liquidations, read from the chain. A feed that is stale or outside its
          bounds pauses borrowing and withdrawals against that asset.
        </p>
      </div>
      {chains.map((chain) => (
        <section key={chain.id} className="space-y-2">
          <h2 className="text-sm font-medium text-slate-300">
            {chain.name} <span className="text-slate-500">· chain {chain.id}</span>
          </h2>
          <OracleTable chain={chain} />
        </section>
      ))}
    </div>
  );
}
