"use client";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useAccount } from "wagmi";
import { WatchForm } from "@/app/_components/watch-form";
import { LanguageSwitch } from "./language-switch";
import { WalletButton } from "./wallet-button";

// The bell (alerts: sign-in, notifications, subscriptions) is for a connected wallet only: its code loads with one.
const NotificationCenter = dynamic(() => import("./notification-center").then((m) => m.NotificationCenter), { ssr: false });

const NAV = [
  { href: "/", key: "dashboard" },
  { href: "/multiply", key: "multiply" },
  { href: "/automate", key: "automate" },
  { href: "/private", key: "private" },
  { href: "/markets", key: "markets" },
  { href: "/risk", key: "risk" },
] as const;

const isCurrent = (pathname: string, href: string) => (href === "/" ? pathname === "/" || pathname.startsWith("/vault/") : pathname.startsWith(href));

/**
 * The header: on wide screens the navigation, the watch field, the language switch and the wallet button in one row —
 * the watch field inline from 1280 px (xl), behind an eye button that opens it under the header from 1024 px (lg; the
 * navigation leaves no room for it inline); below 1024 px (phones, and tablets, where the six links, the language
 * switch and the wallet button do not fit one row) the logo, the wallet button and a menu button that opens a panel
 * with the navigation, the watch field and the language switch. Escape or a navigation closes either panel, focus goes
 * into it and back to its button; a click outside closes the watch panel.
 */
export function Header() {
  const t = useTranslations("header");
  const pathname = usePathname();
  const { address } = useAccount();
  // Open on the page it was opened on: a navigation (a link, back/forward) closes it without an effect.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname;
  const setOpen = (next: boolean | ((o: boolean) => boolean)) =>
    setOpenAt(typeof next === "function" ? (next(open) ? pathname : null) : next ? pathname : null);
  // The header's links are on every page: prefetched when they come into view, they cost each page load a server render
  // and a parse of every other page (10–12 requests on a desktop, in the first seconds). They prefetch when a visitor
  // reaches for one instead — a pointer over it, a touch, the keyboard's focus — as Next does for a link on hover.
  const router = useRouter();
  const prefetchOnIntent = (href: string) => {
    const go = () => router.prefetch(href);
    return { prefetch: false, onPointerEnter: go, onTouchStart: go, onFocus: go } as const;
  };
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // The watch field's panel between md and xl, opened on the page it was opened on (as the menu).
  const [watchAt, setWatchAt] = useState<string | null>(null);
  const watchOpen = watchAt === pathname;
  const watchButton = useRef<HTMLButtonElement>(null);
  const watchBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!watchOpen) return;
    watchBox.current?.querySelector<HTMLElement>("input")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setWatchAt(null);
      watchButton.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!watchBox.current?.contains(target) && !watchButton.current?.contains(target)) setWatchAt(null);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [watchOpen]);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("a, select")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpenAt(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const links = (mobile: boolean) =>
    NAV.map((n) => (
      <Link
        key={n.href}
        href={n.href}
        {...prefetchOnIntent(n.href)}
        aria-current={isCurrent(pathname, n.href) ? "page" : undefined}
        onClick={() => setOpen(false)}
        className={
          mobile
            ? "flex min-h-11 items-center rounded-md px-3 text-base hover:bg-slate-800 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white"
            : "rounded px-1 py-1 hover:text-white aria-[current=page]:text-white"
        }
      >
        {t(n.key)}
      </Link>
    ));

  return (
    <header className="sticky top-0 z-40 border-b border-slate-800 bg-slate-950/95">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-2 md:py-3">
        <Link
          href="/"
          {...prefetchOnIntent("/")}
          className="flex min-h-11 shrink-0 items-center gap-2 font-semibold tracking-tight"
          aria-label={t("home")}
        >
          <svg viewBox="0 0 28 28" className="h-7 w-7" aria-hidden>
            <rect width="28" height="28" rx="6" fill="#0f172a" />
            <path d="M7 19 14 7l7 12z" fill="none" stroke="#38bdf8" strokeWidth="2.4" strokeLinejoin="round" />
          </svg>
          <span>Keel</span>
        </Link>
        <nav aria-label={t("navigation")} className="hidden items-center gap-5 text-sm text-slate-300 lg:flex">
          {links(false)}
        </nav>
        <div className="flex min-w-0 items-center gap-2 lg:gap-4">
          <div className="relative hidden lg:block">
            <button
              ref={watchButton}
              type="button"
              className="inline-flex h-9 w-9 items-center justify-center rounded-md border border-slate-700 text-slate-200 hover:bg-slate-800 xl:hidden"
              aria-expanded={watchOpen}
              aria-controls="header-watch"
              aria-label={t("watch")}
              title={t("watch")}
              data-testid="header-watch-button"
              onClick={() => setWatchAt(watchOpen ? null : pathname)}
            >
              <svg
                viewBox="0 0 24 24"
                className="h-5 w-5"
                aria-hidden
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
                <circle cx="12" cy="12" r="3" />
              </svg>
            </button>
            <div
              id="header-watch"
              ref={watchBox}
              className={`${watchOpen ? "block" : "hidden"} absolute right-0 top-full z-50 mt-2 w-80 rounded-md border border-slate-700 bg-slate-950 p-3 shadow-lg xl:static xl:mt-0 xl:block xl:w-48 xl:border-0 xl:bg-transparent xl:p-0 xl:shadow-none`}
            >
              <WatchForm header onDone={() => setWatchAt(null)} />
            </div>
          </div>
          <LanguageSwitch className="hidden lg:flex" />
          {address && <NotificationCenter />}
          <WalletButton
            label={t("connect")}
            showBalance={false}
            chainStatus={{ smallScreen: "none", largeScreen: "icon" }}
            accountStatus={{ smallScreen: "avatar", largeScreen: "address" }}
          />
          <button
            ref={button}
            type="button"
            className="inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-md border border-slate-700 text-slate-200 hover:bg-slate-800 lg:hidden"
            aria-expanded={open}
            aria-controls="mobile-menu"
            aria-label={open ? t("closeMenu") : t("openMenu")}
            data-testid="menu-button"
            onClick={() => setOpen((o) => !o)}
          >
            <svg viewBox="0 0 24 24" className="h-6 w-6" aria-hidden fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
              {open ? <path d="M6 6l12 12M18 6 6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
            </svg>
          </button>
        </div>
      </div>
      {open && (
        <div id="mobile-menu" ref={panel} data-testid="mobile-menu" className="border-t border-slate-800 px-4 pb-4 pt-2 lg:hidden">
          <nav aria-label={t("navigation")} className="flex flex-col gap-1 text-slate-200">
            {links(true)}
          </nav>
          <div className="mt-3 px-3">
            <WatchForm compact onDone={() => setOpen(false)} />
          </div>
          <LanguageSwitch className="mt-3 px-3" />
        </div>
      )}
    </header>
  );
}
