"use client";
import { ConnectButton } from "@rainbow-me/rainbowkit";
import Link from "next/link";
import { NotificationCenter } from "./notification-center";

export function Header() {
  return (
    <header className="border-b border-slate-800 bg-slate-950/80 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <svg viewBox="0 0 28 28" className="h-7 w-7" aria-hidden>
            <rect width="28" height="28" rx="6" fill="#0f172a" />
            <path d="M7 19 14 7l7 12z" fill="none" stroke="#38bdf8" strokeWidth="2.4" strokeLinejoin="round" />
          </svg>
          <span>Keel</span>
        </Link>
        <nav className="flex items-center gap-5 text-sm text-slate-300">
          <Link href="/" className="hover:text-white">
            Dashboard
          </Link>
          <Link href="/multiply" className="hover:text-white">
            Multiply
          </Link>
          <Link href="/markets" className="hover:text-white">
            Markets
          </Link>
          <Link href="/risk" className="hover:text-white">
            Risk
          </Link>
        </nav>
        <div className="flex items-center gap-2">
          <NotificationCenter />
          <ConnectButton showBalance={false} chainStatus="icon" accountStatus="address" />
        </div>
      </div>
    </header>
  );
}
