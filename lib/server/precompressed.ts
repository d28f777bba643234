/**
 * The build's static files (`/_next/static/…`: content-hashed scripts and styles) sent as the build compressed them,
 * once (`scripts/lib/precompress.ts`: Brotli at its highest quality and gzip beside each file), instead of compressed
 * again on every request as `next start` does. What a CDN does in front of a deployment, for the server that ships
 * with the app (`npm start`, `scripts/serve.ts`): Brotli's 11 sends a vault page's first-load scripts in ~15 % fewer
 * bytes than the server's gzip, and the server's CPU goes to rendering pages (docs/performance.md, thirty-third session).
 *
 * Anything else — a file with no compressed copy, a client that takes neither encoding, a path outside the folder — is
 * left to Next (`servePrecompressed` answers false), which serves it as before.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream";

export type Encoding = "br" | "gzip";

/** The file's suffix for each encoding, in the order a tie between them is broken. */
export const ENCODINGS: readonly { encoding: Encoding; suffix: string }[] = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
];

/** What is precompressed, and its type. Fonts and images are compressed formats already. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".js": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=UTF-8",
};

const PREFIX = "/_next/static/";
/** A content-hashed name: letters, digits and `._-~`, in folders; never `..`. */
const SAFE_PATH = /^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;

/**
 * The encoding to send among those the file has, from the request's `Accept-Encoding` (RFC 9110 §12.5.3): the one with
 * the highest weight, Brotli on a tie; `*` stands for any encoding not named; a weight of 0 refuses. None when the client
 * takes none of them.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    // A malformed weight refuses, as a weight of 0 does.
    const q = params.map((p) => /^\s*q\s*=\s*(.*?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : /^[0-9.]+$/.test(q) ? Number(q) : 0;
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  let best: { encoding: Encoding; weight: number } | undefined;
  for (const { encoding } of ENCODINGS) {
    if (!available.includes(encoding)) continue;
    const weight = weights.get(encoding) ?? (encoding === "gzip" ? weights.get("x-gzip") : undefined) ?? weights.get("*") ?? 0;
    if (weight > 0 && (!best || weight > best.weight)) best = { encoding, weight };
  }
  return best?.encoding;
}

/**
 * The file under `staticDir` that a request's path names, when it is a static file of a precompressed type; undefined
 * for any other path (a query string is ignored: Next adds `?dpl=` for deployments that set a deployment id).
 */
export function staticFileOf(staticDir: string, url: string | undefined): string | undefined {
  const pathname = (url ?? "").split("?")[0]!;
  if (!pathname.startsWith(PREFIX)) return undefined;
  const rest = pathname.slice(PREFIX.length);
  if (!SAFE_PATH.test(rest) || rest.split("/").some((s) => s === "." || s === "..")) return undefined;
  if (!(path.extname(rest) in CONTENT_TYPES)) return undefined;
  return path.join(staticDir, ...rest.split("/"));
}

/**
 * Whether a compressed copy carries its file's modification time: `precompress` sets it from the file's through
 * `utimes`, which keeps it to within a millisecond (a `Date`, then seconds as a floating-point number).
 */
export function madeTogether(copyMtimeMs: number, fileMtimeMs: number): boolean {
  return Math.abs(copyMtimeMs - fileMtimeMs) < 1;
}

interface Variant {
  file: string;
  size: number;
  etag: string;
}

/** Every file of a precompressed type under `dir`, in its folders: what `precompress` compresses and the server indexes. */
export function precompressibleFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return precompressibleFiles(file);
    return e.isFile() && path.extname(e.name) in CONTENT_TYPES ? [file] : [];
  });
}

interface Indexed {
  type: string;
  variants: Map<Encoding, Variant>;
}

/** The compressed copies of every precompressed file under `staticDir`, by the path a request names it with. */
function indexOf(staticDir: string): Map<string, Indexed> {
  const index = new Map<string, Indexed>();
  for (const file of precompressibleFiles(staticDir)) {
    const url = PREFIX + path.relative(staticDir, file).split(path.sep).join("/");
    if (staticFileOf(staticDir, url) !== file) continue;
    const variants = new Map<Encoding, Variant>();
    const made = statSync(file).mtimeMs;
    for (const { encoding, suffix } of ENCODINGS) {
      const copy = file + suffix;
      const stat = statSync(copy, { throwIfNoEntry: false });
      // Only a copy made from the file as it is now (scripts/lib/precompress.ts gives it the file's own time).
      if (!stat?.isFile() || !madeTogether(stat.mtimeMs, made)) continue;
      // A strong validator from the bytes sent: the same on every server of a deployment.
      const digest = createHash("sha256").update(readFileSync(copy)).digest("base64url").slice(0, 22);
      variants.set(encoding, { file: copy, size: stat.size, etag: `"${digest}-${encoding}"` });
    }
    if (variants.size) index.set(url, { type: CONTENT_TYPES[path.extname(file)]!, variants });
  }
  return index;
}

/** Whether `If-None-Match` names `etag` (RFC 9110 §13.1.2: `*`, or a weak comparison: a `W/` prefix is ignored). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag.replace(/^W\//, "") === etag;
  });
}

/**
 * A handler for the production server: answers a GET or HEAD of a precompressed static file and returns true, or
 * returns false and leaves the request to the next handler. `headers` are sent with every answer (the app's security
 * headers, as Next sends them with its own static files).
 *
 * The files are indexed once, when the handler is made: a request never touches the file system to decide, and a path
 * that names no indexed file costs a map lookup. A build made while the server runs is not seen: restart it after
 * `npm run build`, as `next start` needs too.
 */
export function precompressedHandler(staticDir: string, headers: readonly { key: string; value: string }[] = []) {
  const index = indexOf(staticDir);

  return function servePrecompressed(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const found = index.get((req.url ?? "").split("?")[0]!);
    if (!found) return false;
    const encoding = pickEncoding(req.headers["accept-encoding"], [...found.variants.keys()]);
    if (!encoding) return false;
    const variant = found.variants.get(encoding)!;
    for (const { key, value } of headers) res.setHeader(key, value);
    res.setHeader("Content-Type", found.type);
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("ETag", variant.etag);
    if (matchesEtag(req.headers["if-none-match"], variant.etag)) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", variant.size);
    res.statusCode = 200;
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    // A read error after the headers went out can only cut the answer short: the connection is closed, and the client
    // sees a failed download rather than a file it could take for whole.
    pipeline(createReadStream(variant.file), res, () => {});
    return true;
  };
}
