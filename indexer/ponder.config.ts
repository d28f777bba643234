/**
 * The indexer over every configured chain: the chains and their RPC URLs come from the same settings the app reads
 * (`NEXT_PUBLIC_KEEL_CHAINS`, `NEXT_PUBLIC_RPC_URL_<id>`), the contracts from each chain's deployment file
 * (`KEEL_DEPLOYMENTS_DIR`, default contracts-abi/deployments). Embedded PGlite unless `DATABASE_URL` names a Postgres
 * database. Each contract kind has its handler file in src/ (market, feed, guard); adding a protocol adds a contract
 * entry here and one file there.
 */
import path from "node:path";
import { createConfig } from "ponder";
import { contractsFor } from "./src/sources";

const { chains, contracts } = contractsFor(process.env);

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.KEEL_INDEXER_DIR ?? path.join(import.meta.dirname, ".ponder", "pglite") },
  ordering: "multichain",
  chains,
  contracts,
});
