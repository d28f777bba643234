import Link from "next/link";

/** 404 for any address the app does not have. */
export default function NotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl border border-slate-800 bg-slate-900/60 p-8 text-center">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-400">Nothing lives at this address.</p>
      <Link href="/" className="mt-4 inline-block text-sm text-sky-300 hover:underline">
        ← Back to your vaults
      </Link>
    </div>
  );
}
