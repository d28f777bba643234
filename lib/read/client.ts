import type { Chain, Client, PublicClient, Transport } from "viem";
import {
  call,
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
} from "viem/actions";

/** The public actions the app calls on a chain's client, and nothing else. */
type ReadMethods =
  | "call"
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
  | "simulateContract";

/**
 * A chain's client with the reads and simulations the app uses, as a `PublicClient` has them. Any `PublicClient` is
 * one (the agents and the server pass theirs).
 */
export type ReadClient = Client<Transport, Chain | undefined> & Pick<PublicClient<Transport, Chain | undefined>, ReadMethods>;

/**
 * A promise that settles in a later task of the event loop, so what follows it runs as a task of its own:
 * `scheduler.yield()` where the browser has it, else a message to itself. Not a zero timeout: in a background tab (a
 * dapp's, while a phone's wallet app is open) a browser stretches timers to a second or more, and the transport's own
 * batching already waits on one; a second timer would double the wait.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

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
  // Each action starts in a task of its own. TanStack Query starts a query's function synchronously when a component
  // subscribes, and React subscribes every query of a page in one pass after the page is drawn: each read's encoding
  // (ABI lookup, selector and address hashing, cold code on a first load) then ran in that one task — on the vault page
  // a 403 ms task at a phone's 4× slowdown, 141 ms of it the reads (`npm run bench:profile`). Now the reads no longer
  // lengthen that task: each read's start is a task of its own (the vault's, cold, still 55–60 ms at 4×).
  const later = (action: (client: Client<Transport, Chain>, args: never) => Promise<unknown>) => (args: never) =>
    nextTask().then(() => action(c, args));
  const actions: Record<ReadMethods, (args: never) => unknown> = {
    call: later(call),
    getBalance: later(getBalance),
    getBlock: later(getBlock),
    getBlockNumber: later(getBlockNumber),
    getChainId: later(getChainId),
    getCode: later(getCode),
    getContractEvents: later(getContractEvents),
    getGasPrice: later(getGasPrice),
    getLogs: later(getLogs),
    getTransaction: later(getTransaction),
    getTransactionCount: later(getTransactionCount),
    getTransactionReceipt: later(getTransactionReceipt),
    multicall: later(multicall),
    readContract: later(readContract),
    simulateContract: later(simulateContract as (client: Client<Transport, Chain>, args: never) => Promise<unknown>),
  };
  return client.extend(() => actions as Record<string, unknown>) as unknown as ReadClient;
}
