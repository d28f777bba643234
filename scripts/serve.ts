/**
 * `npm start`: the production server. Next's request handler (the build of `npm run build`, as `next start` serves it)
 * behind one addition: the build's static scripts and styles are sent as the build compressed them (Brotli 11 or gzip 9,
 * `scripts/lib/precompress.ts`) instead of being compressed again on every request (`lib/server/precompressed.ts`).
 * Behind a CDN that compresses itself this changes nothing; served directly, a page's scripts cost fewer bytes and the
 * server's CPU goes to rendering pages. Restart it after a new build, as `next start`.
 *
 * Flags, as `next start` takes them: -p/--port 3000 (or PORT) · -H/--hostname (all interfaces by default; the
 * environment's HOSTNAME is not read: containers set it to their own name) · --keepAliveTimeout ms (above a load
 * balancer's idle timeout) · --dir (the app; this repository by default). SIGINT or SIGTERM stops taking connections,
 * lets the requests under way finish (10 s at most) and exits with 128 + the signal's number, as `next start` does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

// Before Next and React load: they pick their production builds from it.
(process.env as Record<string, string>).NODE_ENV = "production";

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
    keepAliveTimeout: { type: "string" },
    dir: { type: "string" },
  },
});
const whole = (name: string, text: string | undefined, min: number, max: number) => {
  const n = Number(text);
  if (!/^\d+$/.test(text ?? "") || n < min || n > max) {
    console.error(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text ?? "")}`);
    process.exit(1);
  }
  return n;
};
const port = whole("the port", values.port ?? process.env.PORT ?? "3000", 1, 65_535);
const keepAliveTimeout = values.keepAliveTimeout === undefined ? undefined : whole("--keepAliveTimeout", values.keepAliveTimeout, 0, 2 ** 31 - 1);
const hostname = values.hostname;
const root = path.resolve(values.dir ?? path.join(import.meta.dirname, ".."));

const [{ default: next }, { precompressedHandler }, { SECURITY_HEADERS }] = await Promise.all([
  import("next"),
  import("../lib/server/precompressed"),
  import("../lib/config/http-headers"),
]);

const app = next({ dev: false, dir: root, port, ...(hostname ? { hostname } : {}) });
await app.prepare();
const handle = app.getRequestHandler();
const servePrecompressed = precompressedHandler(path.join(root, ".next", "static"), SECURITY_HEADERS);

/** An error Next did not answer itself: logged, and the request answered 500 rather than left open. */
function failed(res: ServerResponse, e: unknown) {
  console.error("request failed:", e);
  if (!res.headersSent) res.statusCode = 500;
  res.end();
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  try {
    if (servePrecompressed(req, res)) return;
  } catch (e) {
    return failed(res, e);
  }
  handle(req, res).catch((e: unknown) => failed(res, e));
});
if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
server.on("error", (e) => {
  console.error(`Keel's server could not start: ${e.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`Keel on http://${hostname ?? "localhost"}:${port} (production build, precompressed static files)`));

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
let stopping = false;
for (const signal of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
    server.close(() => {
      clearTimeout(deadline);
      void app.close().finally(() => process.exit(128 + SIGNALS[signal]));
    });
    server.closeIdleConnections();
  });
}
