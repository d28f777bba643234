/**
 * A browser wallet for tests: an EIP-1193 provider announced through EIP-6963 (and set as window.ethereum),
 * injected with page.addInitScript before the app loads, so the app's real connector path is used.
 * Requests go to anvil, which signs for its unlocked test accounts. It can start on another chain to test switching.
 */
export interface InjectedWalletOptions {
  rpcUrl: string;
  /** RPC URLs of other chains the wallet can switch to (by chain id); requests go to the current chain's. */
  otherRpcUrls?: Record<number, string>;
  account: string;
  chainId: number;
  name?: string;
}

export function injectedWalletScript(opts: InjectedWalletOptions): string {
  // `__name`: some TS transpilers (tsx/esbuild) wrap nested functions in a helper the page does not have.
  return `(() => { const __name = (f) => f; (${install.toString()})(${JSON.stringify({ name: "Keel Test Wallet", otherRpcUrls: {}, ...opts })}); })();`;
}

function install(opts: Required<InjectedWalletOptions>) {
  const listeners: Record<string, Array<(arg: unknown) => void>> = {};
  const emit = (event: string, arg: unknown) => (listeners[event] ?? []).forEach((fn) => fn(arg));
  let chainId = opts.chainId;
  const rpcUrls: Record<number, string> = { ...opts.otherRpcUrls, [opts.chainId]: opts.rpcUrl };
  let connected = false;
  let id = 0;
  const log: Array<{ method: string; params: unknown }> = [];
  const provider = {
    isKeelTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown[] }) {
      log.push({ method, params });
      switch (method) {
        case "eth_requestAccounts":
          connected = true;
          emit("connect", { chainId: "0x" + chainId.toString(16) });
          return [opts.account];
        case "eth_accounts":
          return connected ? [opts.account] : [];
        case "eth_chainId":
          return "0x" + chainId.toString(16);
        case "wallet_requestPermissions":
        case "wallet_getPermissions":
          return [{ parentCapability: "eth_accounts" }];
        case "wallet_revokePermissions":
          connected = false;
          return null;
        case "wallet_switchEthereumChain": {
          const next = Number((params as [{ chainId: string }])[0].chainId);
          if (next !== 31337 && next !== 31338 && !rpcUrls[next]) throw Object.assign(new Error("Unrecognized chain"), { code: 4902 });
          chainId = next;
          emit("chainChanged", "0x" + next.toString(16));
          return null;
        }
      }
      const res = await fetch(rpcUrls[chainId] ?? opts.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }),
      });
      const body = await res.json();
      if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
      return body.result;
    },
    on(event: string, fn: (arg: unknown) => void) {
      (listeners[event] ??= []).push(fn);
    },
    removeListener(event: string, fn: (arg: unknown) => void) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
    },
  };
  const w = window as unknown as Record<string, unknown>;
  w.ethereum = provider;
  w.__keelWalletLog = log;
  // What a user does in the wallet's own UI: move it to another network.
  w.__keelWalletSetChain = (next: number) => {
    chainId = next;
    emit("chainChanged", "0x" + next.toString(16));
  };
  const info = {
    uuid: "6f1c1b8e-4c2a-4d8e-9a51-0b5e7d1c2a10",
    name: opts.name,
    icon: "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><rect width='10' height='10' fill='%23f59e0b'/></svg>",
    rdns: "dev.keel.testwallet",
  };
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}
