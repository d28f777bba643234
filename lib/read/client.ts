import type { Chain, Client, PublicClient, Transport } from "viem";
import {
  call,
  estimateGas,
  getBalance,
  getBlock,
  getBlockNumber,
  getChainId,
  getCode,
  getContractEvents,
  getGasPrice,
  getLogs,
  getTransaction,
  getTransactionCount,
  getTransactionReceipt,
  multicall,
  readContract,
  simulateContract,
  waitForTransactionReceipt,
} from "viem/actions";

/** The public actions the app calls on a chain's client, and nothing else. */
type ReadMethods =
  | "call"
  | "estimateGas"
  | "getBalance"
  | "getBlock"
  | "getBlockNumber"
  | "getChainId"
  | "getCode"
  | "getContractEvents"
  | "getGasPrice"
  | "getLogs"
  | "getTransaction"
  | "getTransactionCount"
  | "getTransactionReceipt"
  | "multicall"
  | "readContract"
  | "simulateContract"
  | "waitForTransactionReceipt";

/**
 * A chain's client with the reads and simulations the app uses, as a `PublicClient` has them. Any `PublicClient` is
 * one (the agents and the server pass theirs).
 */
export type ReadClient = Client<Transport, Chain | undefined> & Pick<PublicClient<Transport, Chain | undefined>, ReadMethods>;

/**
 * `client` with those actions only. viem's `publicActions` (what wagmi's `getPublicClient` adds) brings every public
 * action with it — ENS, filters, signature and SIWE verification, and through them `@noble/curves`' secp256k1, whose
 * set-up runs when the page loads — so each page that read through it downloaded and evaluated them all (`npm run
 * bench:profile`). These are viem's own actions, imported one by one.
 */
export function readClient(client: Client<Transport, Chain | undefined>): ReadClient {
  // Each method hands its arguments to the action as `PublicClient`'s method does (viem's `publicActions`); the
  // arguments' types are the `ReadClient` type's, checked where the methods are called.
  const c = client as Client<Transport, Chain>;
  const actions: Record<ReadMethods, (args: never) => unknown> = {
    call: (args: never) => call(c, args),
    estimateGas: (args: never) => estimateGas(c, args),
    getBalance: (args: never) => getBalance(c, args),
    getBlock: (args: never) => getBlock(c, args),
    getBlockNumber: (args: never) => getBlockNumber(c, args),
    getChainId: () => getChainId(c),
    getCode: (args: never) => getCode(c, args),
    getContractEvents: (args: never) => getContractEvents(c, args),
    getGasPrice: () => getGasPrice(c),
    getLogs: (args: never) => getLogs(c, args),
    getTransaction: (args: never) => getTransaction(c, args),
    getTransactionCount: (args: never) => getTransactionCount(c, args),
    getTransactionReceipt: (args: never) => getTransactionReceipt(c, args),
    multicall: (args: never) => multicall(c, args),
    readContract: (args: never) => readContract(c, args),
    simulateContract: (args: never) => simulateContract(c, args),
    waitForTransactionReceipt: (args: never) => waitForTransactionReceipt(c, args),
  };
  return client.extend(() => actions as Record<string, unknown>) as unknown as ReadClient;
}
