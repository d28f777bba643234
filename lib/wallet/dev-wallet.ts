import type { EIP1193Provider } from "viem";

/**
 * The local chain's dev wallet: an EIP-1193 provider backed by one of anvil's unlocked test accounts.
 * Account requests answer the chosen account; everything else, transactions included, is forwarded to anvil,
 * which signs for its unlocked accounts. Only ever offered for local chains.
 */
export const DEV_ACCOUNTS = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
] as const;

export interface RpcError extends Error {
  code: number;
}

const rpcError = (code: number, message: string): RpcError => Object.assign(new Error(message), { code });

export function createDevProvider(opts: {
  /** The local chains the wallet knows, by id; it starts on the first. */
  rpcUrls: Record<number, string>;
  account: `0x${string}`;
}): EIP1193Provider {
  const known = Object.keys(opts.rpcUrls).map(Number);
  let chainId = known[0]!;
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  // Like a real wallet, accounts are only exposed after the user connected once (remembered across reloads).
  const storageKey = `keel.devWallet.${opts.account}.authorized`;
  const storage = typeof localStorage === "undefined" ? undefined : localStorage;
  let authorized = storage?.getItem(storageKey) === "1";
  let id = 0;
  const emit = (event: string, arg: unknown) => listeners.get(event)?.forEach((fn) => fn(arg));
  const forward = async (method: string, params: unknown): Promise<unknown> => {
    const rpcUrl = opts.rpcUrls[chainId]!;
    let res: Response;
    try {
      res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }),
      });
    } catch {
      throw rpcError(-32603, `the local chain at ${rpcUrl} is not answering`);
    }
    const body = (await res.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    if (body.error) throw Object.assign(rpcError(body.error.code, body.error.message), { data: body.error.data });
    return body.result;
  };
  const provider = {
    async request({ method, params }: { method: string; params?: unknown }) {
      switch (method) {
        case "eth_requestAccounts":
          authorized = true;
          storage?.setItem(storageKey, "1");
          return [opts.account];
        case "eth_accounts":
          return authorized ? [opts.account] : [];
        case "eth_chainId":
          return `0x${chainId.toString(16)}`;
        case "net_version":
          return String(chainId);
        case "wallet_requestPermissions":
        case "wallet_getPermissions":
          return [{ parentCapability: "eth_accounts" }];
        case "wallet_revokePermissions":
          authorized = false;
          storage?.removeItem(storageKey);
          return null;
        case "wallet_switchEthereumChain": {
          const target = Number((params as [{ chainId: string }])[0].chainId);
          if (!known.includes(target)) throw rpcError(4902, `the dev wallet only knows the local chains ${known.join(", ")}`);
          if (target !== chainId) {
            chainId = target;
            emit("chainChanged", `0x${target.toString(16)}`);
          }
          return null;
        }
        default:
          return forward(method, params);
      }
    },
    on(event: string, fn: (...args: unknown[]) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
    },
    removeListener(event: string, fn: (...args: unknown[]) => void) {
      listeners.get(event)?.delete(fn);
    },
  };
  return provider as unknown as EIP1193Provider;
}
