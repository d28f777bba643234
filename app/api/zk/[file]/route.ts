import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The private-vault circuit's witness generator and proving key (circuits/artifacts, committed), served to the
 * private page's proving worker only: the page fetches them on demand (3.2 MB + 6.7 MB), no other page loads them.
 */
const FILES: Record<string, string> = {
  "private_vault.wasm": "application/wasm",
  "private_vault.zkey": "application/octet-stream",
};

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const { file } = await ctx.params;
  const type = FILES[file];
  if (!type) return new Response("not found", { status: 404 });
  const bytes = await readFile(path.join(process.cwd(), "circuits", "artifacts", file));
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": type, "Content-Length": String(bytes.length), "Cache-Control": "public, max-age=3600" },
  });
}
