import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

/**
 * The private-vault circuit's witness generator and proving key (circuits/artifacts, committed), served to the
 * private page's proving worker only (3.2 MB + 6.7 MB; no other page loads them). Each answer carries an ETag (the
 * file's SHA-256): the worker keeps the files in Cache Storage and asks again with If-None-Match, so a visit after the
 * first downloads nothing, and a new circuit (another hash) is never proven with a stale key.
 */
const FILES: Record<string, string> = {
  "private_vault.wasm": "application/wasm",
  "private_vault.zkey": "application/octet-stream",
};

/** The file's bytes and ETag, hashed once per version on disk (its size and modification time). */
const loaded = new Map<string, { version: string; bytes: Buffer; etag: string }>();

async function load(file: string) {
  const full = path.join(process.cwd(), "circuits", "artifacts", file);
  const s = await stat(full);
  const version = `${s.size}:${s.mtimeMs}`;
  const hit = loaded.get(file);
  if (hit?.version === version) return hit;
  const bytes = await readFile(full);
  const entry = { version, bytes, etag: `"${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}"` };
  loaded.set(file, entry);
  return entry;
}

export async function GET(req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const type = FILES[file];
  if (!type) return new Response("not found", { status: 404 });
  const { bytes, etag } = await load(file);
  // no-cache: the browser may keep a copy but asks first (the worker keeps its own copy in Cache Storage).
  const headers = { ETag: etag, "Cache-Control": "no-cache" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(bytes), { headers: { ...headers, "Content-Type": type, "Content-Length": String(bytes.length) } });
}
