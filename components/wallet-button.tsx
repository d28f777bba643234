"use client";
import { useEffect, useRef, useState, useSyncExternalStore, type ComponentType } from "react";
import { useAccount } from "wagmi";
import type { RainbowUiProps, WalletSlot } from "./rainbow-ui";

/** What a wallet button shows: the same props as RainbowKit's `ConnectButton`, as the app uses them. */
export interface WalletButtonProps {
  label: string;
  showBalance?: boolean;
  chainStatus?: { smallScreen: "none" | "icon" | "name" | "full"; largeScreen: "none" | "icon" | "name" | "full" };
  accountStatus?: { smallScreen: "avatar" | "address" | "full"; largeScreen: "avatar" | "address" | "full" };
}

/**
 * RainbowKit's UI (its provider, button, dialogs and 54 kB stylesheet: one 282 kB module) loads only when it is needed:
 * when a wallet is connected or reconnecting, or when the visitor reaches for a Connect button (pointer over it, focus,
 * click — a click then opens the dialog as soon as it has loaded). Until then each button is a plain button of the same
 * size and look, rendered by the server, so the header does not move when RainbowKit takes over. The wagmi config and
 * its connectors do not need RainbowKit (lib/wagmi-config.ts), so a page renders and reads the chain without it.
 */
interface State {
  /** RainbowKit is wanted (a wallet button was reached for). */
  wanted: boolean;
  /** A click asked for the connect dialog, which opens once RainbowKit has loaded. */
  openRequested: boolean;
  /** The wallet buttons on the page: RainbowKit's button is rendered into each. */
  slots: WalletSlot[];
}

const SERVER_STATE: State = { wanted: false, openRequested: false, slots: [] };
// The server's object until the first change, so the browser's snapshot is the server's when WalletUi hydrates. (A
// wallet button's slot, registered in its effect just after, still changes it: WalletUi then renders again, in the
// task of the effects, not in hydration's commit.)
let state: State = SERVER_STATE;
const listeners = new Set<() => void>();
const update = (next: Partial<State>) => {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};
let nextSlot = 0;

function want(open: boolean) {
  if (!state.wanted || (open && !state.openRequested)) update({ wanted: true, openRequested: state.openRequested || open });
}

/**
 * A wallet button: RainbowKit's `ConnectButton` once RainbowKit has loaded, a look-alike Connect button before (which
 * loads it). Both sit in one box; CSS in app/globals.css shows RainbowKit's button only once it is ready, so there is
 * never a frame with both or neither.
 */
export function WalletButton(props: WalletButtonProps) {
  // RainbowKit's box, as a ref and not state: a state setter as the ref ran in the commit of hydration and scheduled a
  // synchronous re-render there, which made React run every effect of the page and that re-render in the same task.
  const box = useRef<HTMLDivElement>(null);
  const { status } = useAccount();
  const key = JSON.stringify(props);
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const slot: WalletSlot = { id: nextSlot++, target, props: JSON.parse(key) as WalletButtonProps };
    update({ slots: [...state.slots, slot] });
    return () => update({ slots: state.slots.filter((s) => s !== slot) });
  }, [key]);
  // The stand-in had the keyboard's focus when RainbowKit's button took its place: the focus moves with it (a mutation
  // observer answers before the next style pass, which would otherwise drop the focus of a button no longer shown).
  const placeholder = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const observer = new MutationObserver(() => {
      const ready = target.querySelector<HTMLElement>(":scope > div:not([aria-hidden]) button");
      if (ready && document.activeElement === placeholder.current) ready.focus();
    });
    observer.observe(target, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-hidden"] });
    return () => observer.disconnect();
  }, []);
  // A wallet reconnecting: RainbowKit's account button is on its way; the Connect look-alike would only flash.
  const busy = status === "connected" || status === "reconnecting";
  return (
    <div className="wallet-slot flex shrink-0">
      <button
        ref={placeholder}
        type="button"
        className={`wallet-placeholder${busy ? " invisible" : ""}`}
        aria-hidden={busy || undefined}
        tabIndex={busy ? -1 : undefined}
        onPointerEnter={() => want(false)}
        onFocus={() => want(false)}
        onClick={() => want(true)}
      >
        {props.label}
      </button>
      <div ref={box} className="wallet-rk" data-rk="" />
    </div>
  );
}

/**
 * Loads RainbowKit's UI when it is needed (see above) and renders it once, beside the page: its provider, its dialogs,
 * and a `ConnectButton` in each wallet button's box (a portal, so the page's tree never re-mounts).
 */
export function WalletUi({ initialChain, locale }: { initialChain?: number; locale: string }) {
  const s = useSyncExternalStore(
    subscribe,
    () => state,
    () => SERVER_STATE,
  );
  const { status } = useAccount();
  // Not "connecting": wagmi passes through it on every page load (its reconnect() with nothing to reconnect), and a
  // connection the visitor starts goes through RainbowKit's dialog, already loaded by then.
  const needed = s.wanted || status === "connected" || status === "reconnecting";
  const [Ui, setUi] = useState<ComponentType<RainbowUiProps> | null>(null);
  useEffect(() => {
    if (!needed || Ui) return;
    let live = true;
    import("./rainbow-ui").then((m) => live && setUi(() => m.RainbowUi));
    return () => {
      live = false;
    };
  }, [needed, Ui]);
  if (!Ui) return null;
  return (
    <Ui
      initialChain={initialChain}
      locale={locale}
      slots={s.slots}
      openRequested={s.openRequested}
      onOpened={() => update({ openRequested: false })}
    />
  );
}
