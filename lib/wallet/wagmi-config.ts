import type { Wallet, WalletDetailsParams, WalletList } from "@rainbow-me/rainbowkit";
import { coinbaseWallet, injectedWallet, metaMaskWallet, rainbowWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { createConfig, createConnector, http, injected, type CreateConnectorFn } from "wagmi";
import { defineChain, type Chain } from "viem";
import { announcedWallets, type AnnouncedWallet } from "./announced-wallets";
import type { ChainSettings } from "../config/chains";
import { createDevProvider, DEV_ACCOUNTS } from "./dev-wallet";

export function toViemChain(c: ChainSettings): Chain {
  return defineChain({
    id: c.id,
    name: c.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [c.rpcUrl] } },
    ...(c.explorerUrl ? { blockExplorers: { default: { name: "Explorer", url: c.explorerUrl } } } : {}),
    testnet: c.local,
  });
}

const DEV_WALLET_ICON =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#0f172a"/><path d="M7 19 14 7l7 12z" fill="none" stroke="#38bdf8" stroke-width="2.4" stroke-linejoin="round"/></svg>',
  );

/** RainbowKit wallet for the local chains: anvil's test account `index`, through the dev provider. */
function devWallet(chains: ChainSettings[], index: number): () => Wallet {
  return () => ({
    id: `keel-dev-${index}`,
    name: index === 0 ? "Keel Dev Wallet (anvil #0)" : `Keel Dev Wallet (anvil #${index})`,
    iconUrl: DEV_WALLET_ICON,
    iconBackground: "#0f172a",
    installed: true,
    createConnector: (details) =>
      createConnector((config) => ({
        ...injected({
          target: {
            id: `keelDev${index}`,
            name: `Keel Dev Wallet #${index}`,
            provider: createDevProvider({
              rpcUrls: Object.fromEntries(chains.map((c) => [c.id, c.rpcUrl])),
              account: DEV_ACCOUNTS[index]!,
            }),
          },
        })(config),
        ...details,
      })),
  });
}

/**
 * A browser wallet that announced itself (EIP-6963), as a RainbowKit wallet. RainbowKit lists announced wallets by
 * itself only in its desktop dialog: the mobile one (chosen by the user agent — Android, iPhone, iPad — not by the
 * screen) shows RainbowKit wallets only, so a phone browser with an injected wallet (a wallet's in-app browser) saw
 * nothing to connect. Its `rdns` lets the desktop dialog keep the announced entry and drop this one (no duplicate).
 */
function announcedWallet(a: AnnouncedWallet): () => Wallet {
  return () => ({
    id: `eip6963:${a.info.rdns}`,
    name: a.info.name,
    rdns: a.info.rdns,
    iconUrl: a.info.icon,
    iconBackground: "#0f172a",
    installed: true,
    createConnector: (details) =>
      createConnector((config) => ({
        ...injected({ target: { id: `eip6963:${a.info.rdns}`, name: a.info.name, icon: a.info.icon, provider: a.provider } })(config),
        ...details,
      })),
  });
}

/** The wallet dialog's group headings, in the reader's language (messages `header.walletGroups`; English here). */
export interface WalletGroupNames {
  popular: string;
  browser: string;
  local: string;
}
export const WALLET_GROUP_NAMES: WalletGroupNames = { popular: "Popular", browser: "Browser wallets", local: "Local chain" };

/**
 * The wallet list: the browser wallets (each announced one by name, and the window's injected provider) always; with a WalletConnect project id, RainbowKit's defaults
 * too (MetaMask, Rainbow, Coinbase Wallet, WalletConnect — mobile wallets by QR code); dev wallets on local chains.
 * Without a project id nothing that needs WalletConnect is listed (no dead QR code, no request to its relay).
 */
export function walletGroups(
  chains: ChainSettings[],
  walletConnectProjectId?: string,
  announced = announcedWallets(),
  names: WalletGroupNames = WALLET_GROUP_NAMES,
) {
  const local = chains.filter((c) => c.local);
  const projectId = walletConnectProjectId?.trim() || undefined;
  const browser = [...announced.map(announcedWallet), injectedWallet];
  const groups: WalletList = projectId
    ? [{ groupName: names.popular, wallets: [...browser, metaMaskWallet, rainbowWallet, coinbaseWallet, walletConnectWallet] }]
    : [{ groupName: names.browser, wallets: browser }];
  if (local.length) groups.push({ groupName: names.local, wallets: [0, 1, 2].map((i) => devWallet(local, i)) });
  return { groups, projectId };
}

/**
 * The wagmi connectors of a RainbowKit wallet list, built as RainbowKit 2.2's `connectorsForWallets` builds them (each
 * connector carries its `rkDetails`: name, icon, group, order; WalletConnect's wallet twice, once with its QR modal;
 * duplicates by id and hidden wallets dropped), without importing RainbowKit's main module: that is one 282 kB module
 * (0.5 s of evaluation on a phone) which the first render does not need. RainbowKit's dialogs load on first use
 * (components/wallet-button.tsx) and read these details. The wallets themselves come from `@rainbow-me/rainbowkit/wallets`,
 * a separate module.
 */
export function walletConnectors(walletList: WalletList, { appName, projectId }: { appName: string; projectId: string }): CreateConnectorFn[] {
  if (!walletList.length || walletList.some((g) => !g.wallets.length)) throw new Error("every wallet group needs a wallet");
  const metadata = { name: appName, description: appName, url: typeof window !== "undefined" ? window.location.origin : "", icons: [] };
  let index = -1;
  const items = walletList.flatMap(({ groupName, wallets }, groupIndex) =>
    wallets.map((create) => {
      index++;
      const wallet = create({ projectId, appName, options: { metadata }, walletConnectParameters: { metadata } } as Parameters<typeof create>[0]);
      return { ...wallet, groupIndex: groupIndex + 1, groupName, index };
    }),
  );
  // RainbowKit keeps the first of each id, visible wallets before the ones that may hide.
  const ordered = [...items.filter((w) => typeof w.hidden !== "function"), ...items.filter((w) => typeof w.hidden === "function")];
  const unique = ordered.filter((w, i) => ordered.findIndex((x) => x.id === w.id) === i);
  return unique.flatMap(({ createConnector: create, hidden, ...meta }) => {
    if (hidden?.()) return [];
    const details = (extra: Partial<WalletDetailsParams["rkDetails"]> = {}) => ({
      rkDetails: Object.fromEntries(
        Object.entries({ ...meta, isRainbowKitConnector: true, ...extra }).filter(([, v]) => v !== undefined),
      ) as WalletDetailsParams["rkDetails"],
    });
    return meta.id === "walletConnect"
      ? [create(details({ isWalletConnectModalConnector: true, showQrModal: true })), create(details())]
      : [create(details())];
  });
}

/** The one wagmi config of the app: configured chains, the wallets of walletGroups(), read through each chain's RPC. */
export function createKeelWagmiConfig(
  chains: ChainSettings[],
  walletConnectProjectId = process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID,
  groupNames: WalletGroupNames = WALLET_GROUP_NAMES,
) {
  const { groups, projectId } = walletGroups(chains, walletConnectProjectId, announcedWallets(), groupNames);
  // RainbowKit requires a project id string even when no WalletConnect wallet is listed; none is contacted then.
  const connectors = walletConnectors(groups, { appName: "Keel", projectId: projectId ?? "keel-no-walletconnect" });
  const viemChains = chains.map(toViemChain) as [Chain, ...Chain[]];
  return createConfig({
    chains: viemChains,
    connectors,
    ssr: true,
    multiInjectedProviderDiscovery: true,
    transports: Object.fromEntries(chains.map((c) => [c.id, http(c.rpcUrl, { batch: { wait: 16 }, retryCount: 1 })])),
    pollingInterval: 2_000,
  });
}
