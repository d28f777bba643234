/**
 * The notifier's API through the app's origin (`KEEL_NOTIFIER_URL`; `npm run dev` sets it): the browser signs in with
 * its wallet and manages its alerts here. The method, JSON body and bearer token pass through unchanged; the notifier
 * checks every request against the signed-in address.
 */
import { NextResponse } from "next/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const ALLOWED = /^(nonce|session|subscriptions|subscriptions\/\w{1,32}|notifications|notifications\/read)$/;

async function forward(req: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const base = process.env.KEEL_NOTIFIER_URL?.replace(/\/+$/, "");
  if (!base) return NextResponse.json({ error: "alerts are off: no notifier is configured (KEEL_NOTIFIER_URL)" }, { status: 503 });
  const path = (await params).path.join("/");
  if (!ALLOWED.test(path)) return NextResponse.json({ error: `the notifier serves no /${path}` }, { status: 404 });
  try {
    const res = await fetch(`${base}/${path}${new URL(req.url).search}`, {
      method: req.method,
      headers: {
        "content-type": "application/json",
        ...(req.headers.get("authorization") ? { authorization: req.headers.get("authorization")! } : {}),
      },
      ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: await req.text() }),
      signal: AbortSignal.timeout(10_000),
      cache: "no-store",
    });
    return new NextResponse(await res.text(), { status: res.status, headers: { "content-type": "application/json" } });
  } catch (e) {
    return NextResponse.json({ error: `the notifier at ${base} does not answer (${(e as Error).message})` }, { status: 503 });
  }
}

export { forward as GET, forward as POST, forward as PATCH, forward as DELETE };
