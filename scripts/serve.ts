/**
 * `npm start`: the production server. Next's request handler (the build of `npm run build`, as `next start` serves it)
 * behind one addition: the build's static scripts and styles are sent as the build compressed them (Brotli 11 or gzip 9,
 * `scripts/lib/precompress.ts`) instead of being compressed again on every request (`lib/server/precompressed.ts`).
 * Behind a CDN that compresses itself this changes nothing; served directly, a page's scripts cost fewer bytes and the
 * server's CPU goes to rendering pages.
 *
 * Flags: --port 3000 (or PORT) · --hostname (or HOSTNAME; all interfaces by default) · --dir (the app; this repository
 * by default). SIGINT or SIGTERM closes it.
 */
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

// Before Next and React load: they pick their production builds from it.
(process.env as Record<string, string>).NODE_ENV = "production";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" }, dir: { type: "string" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME;
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`not a port: ${values.port ?? process.env.PORT}`);

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

const server = createServer((req, res) => {
  if (servePrecompressed(req, res)) return;
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`Keel on http://${hostname ?? "localhost"}:${port} (production build, precompressed static files)`));

const close = () => {
  server.close();
  void app.close().finally(() => process.exit(0));
};
process.once("SIGINT", close);
process.once("SIGTERM", close);
