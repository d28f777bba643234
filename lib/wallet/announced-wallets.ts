import type { EIP1193Provider } from "viem";

/** A wallet that announced itself through EIP-6963 (`eip6963:announceProvider`). */
export interface AnnouncedWallet {
  info: { uuid: string; name: string; icon: string; rdns: string };
  provider: EIP1193Provider;
}

const announced = new Map<string, AnnouncedWallet>();
let listening = false;

/**
 * The browser wallets that announced themselves (EIP-6963), one per `rdns`, in the order they answered. The first call
 * starts listening and asks every wallet to announce (`eip6963:requestProvider`); wallets answer synchronously, so the
 * list is complete on return for the wallets already in the page. Empty on the server.
 */
export function announcedWallets(): AnnouncedWallet[] {
  if (typeof window === "undefined") return [];
  if (!listening) {
    listening = true;
    window.addEventListener("eip6963:announceProvider", (event) => {
      const detail = (event as CustomEvent<AnnouncedWallet>).detail;
      if (detail?.info?.rdns && detail.info.name && typeof detail.provider?.request === "function") announced.set(detail.info.rdns, detail);
    });
    window.dispatchEvent(new Event("eip6963:requestProvider"));
  }
  return [...announced.values()];
}
