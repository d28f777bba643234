import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompress } from "../../scripts/lib/precompress";
import { madeTogether, matchesEtag, pickEncoding, precompressedHandler, staticFileOf } from "./precompressed";

describe("pickEncoding", () => {
  const both = ["br", "gzip"] as const;
  it("takes Brotli when the client takes both (Chromium's header), gzip when it takes only gzip", () => {
    expect(pickEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(pickEncoding("gzip, deflate", both)).toBe("gzip");
    expect(pickEncoding("x-gzip", both)).toBe("gzip");
    expect(pickEncoding("GZIP;Q=1", both)).toBe("gzip");
  });
  it("follows the weights, and a weight of 0 refuses", () => {
    expect(pickEncoding("br;q=0.5, gzip", both)).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip;q=0.1", both)).toBe("gzip");
    expect(pickEncoding("br;q=0, gzip;q=0", both)).toBeUndefined();
    expect(pickEncoding("*;q=0.3, br;q=0", both)).toBe("gzip");
    expect(pickEncoding("*", both)).toBe("br");
    expect(pickEncoding("br;q=abc", both)).toBeUndefined();
  });
  it("picks none when the client names no encoding the file has", () => {
    expect(pickEncoding(undefined, both)).toBeUndefined();
    expect(pickEncoding("", both)).toBeUndefined();
    expect(pickEncoding("identity", both)).toBeUndefined();
    expect(pickEncoding("deflate, zstd", both)).toBeUndefined();
    expect(pickEncoding("br", ["gzip"])).toBeUndefined();
    expect(pickEncoding("gzip, br", ["gzip"])).toBe("gzip");
  });
});

describe("staticFileOf", () => {
  const dir = "/srv/app/.next/static";
  it("maps a build file's path, without its query", () => {
    expect(staticFileOf(dir, "/_next/static/chunks/0abc-_x.js")).toBe("/srv/app/.next/static/chunks/0abc-_x.js");
    expect(staticFileOf(dir, "/_next/static/chunks/a.css?dpl=abc")).toBe("/srv/app/.next/static/chunks/a.css");
  });
  it("refuses other paths, other types and any way out of the folder", () => {
    for (const url of [
      undefined,
      "/",
      "/vault/1",
      "/_next/static/",
      "/_next/static/media/font.woff2",
      "/_next/static/chunks/a.js.br",
      "/_next/static/../../package.json",
      "/_next/static/chunks/../../../etc/passwd.js",
      "/_next/static/chunks/%2e%2e/x.js",
      "/_next/static//a.js",
      "/_next/static/chunks/a b.js",
      "/_next/static/./a.js",
      "/_next/static/chunks\\..\\a.js",
    ])
      expect(staticFileOf(dir, url), url).toBeUndefined();
  });
});

describe("the production server's precompressed static files", () => {
  let server: Server;
  let base: { host: string; port: number };
  let dir: string;
  const script = "export const x = 1;\n".repeat(200);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "keel-static-"));
    mkdirSync(path.join(dir, "chunks"));
    writeFileSync(path.join(dir, "chunks", "a.js"), script);
    writeFileSync(path.join(dir, "chunks", "b.css"), "a{color:red}");
    writeFileSync(path.join(dir, "chunks", "plain.js"), "b()"); // no compressed copy: removed below
    writeFileSync(path.join(dir, "chunks", "changed.js"), "c()"); // changed after its copies were made: below
    await precompress(dir);
    for (const s of [".br", ".gz"]) rmSync(path.join(dir, "chunks", "plain.js" + s));
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, "chunks", "changed.js"), later, later);
    const serve = precompressedHandler(dir, [{ key: "X-Content-Type-Options", value: "nosniff" }]);
    server = createServer((req, res) => {
      if (serve(req, res)) return;
      res.statusCode = 418; // stands for Next's handler
      res.end("next");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = { host: "127.0.0.1", port: (server.address() as AddressInfo).port };
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (p: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = request({ ...base, path: p, method, headers }, (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on("error", reject);
      req.end();
    });

  it("sends Brotli or gzip as the client asks, with the file's type, a year's immutable cache and the app's headers", async () => {
    const br = await get("/_next/static/chunks/a.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["vary"]).toBe("Accept-Encoding");
    expect(br.headers["x-content-type-options"]).toBe("nosniff");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get("/_next/static/chunks/a.js?dpl=1", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(script);
    expect(gz.headers["etag"]).not.toBe(br.headers["etag"]);

    const css = await get("/_next/static/chunks/b.css", { "accept-encoding": "br" });
    expect(css.headers["content-type"]).toBe("text/css; charset=UTF-8");
    expect(brotliDecompressSync(css.body).toString()).toBe("a{color:red}");
  });

  it("answers a revalidation with 304 and a HEAD with the headers only", async () => {
    const first = await get("/_next/static/chunks/a.js", { "accept-encoding": "br" });
    const again = await get("/_next/static/chunks/a.js", { "accept-encoding": "br", "if-none-match": `"x", ${first.headers["etag"]}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    for (const tag of [`W/${first.headers["etag"]}`, "*"])
      expect((await get("/_next/static/chunks/a.js", { "accept-encoding": "br", "if-none-match": tag })).status, tag).toBe(304);
    expect((await get("/_next/static/chunks/a.js", { "accept-encoding": "gzip", "if-none-match": first.headers["etag"]! })).status).toBe(200);
    const head = await get("/_next/static/chunks/a.js", { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-length"]).toBe(first.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("leaves to Next what it has no copy for, a client that takes neither encoding, other methods and other paths", async () => {
    for (const [p, headers, method] of [
      ["/_next/static/chunks/plain.js", { "accept-encoding": "br" }, "GET"],
      ["/_next/static/chunks/a.js", { "accept-encoding": "identity" }, "GET"],
      ["/_next/static/chunks/a.js", {}, "GET"],
      ["/_next/static/chunks/a.js", { "accept-encoding": "br" }, "POST"],
      ["/_next/static/chunks/missing.js", { "accept-encoding": "br" }, "GET"],
      ["/_next/static/chunks/../chunks/a.js", { "accept-encoding": "br" }, "GET"],
      // A file's name as a folder, and a name longer than the file system takes: once errors thrown from `stat`.
      ["/_next/static/chunks/a.js/x.js", { "accept-encoding": "br" }, "GET"],
      [`/_next/static/chunks/${"x".repeat(300)}.js`, { "accept-encoding": "br" }, "GET"],
      // Copies older than their file.
      ["/_next/static/chunks/changed.js", { "accept-encoding": "br" }, "GET"],
      ["/", { "accept-encoding": "br" }, "GET"],
    ] as const) {
      const res = await get(p, headers, method);
      expect(res.status, `${method} ${p}`).toBe(418);
    }
  });
});

describe("matchesEtag and madeTogether", () => {
  it("compares entity tags weakly and takes *", () => {
    expect(matchesEtag('"a-br"', '"a-br"')).toBe(true);
    expect(matchesEtag('W/"a-br"', '"a-br"')).toBe(true);
    expect(matchesEtag('"b", "a-br"', '"a-br"')).toBe(true);
    expect(matchesEtag("*", '"a-br"')).toBe(true);
    expect(matchesEtag('"a-gzip"', '"a-br"')).toBe(false);
    expect(matchesEtag(undefined, '"a-br"')).toBe(false);
    expect(matchesEtag("", '"a-br"')).toBe(false);
  });
  it("takes a copy for its file's only within the millisecond utimes keeps", () => {
    expect(madeTogether(1_796_582_769_253.999, 1_796_582_769_254.2576)).toBe(true);
    expect(madeTogether(1_796_582_769_254, 1_796_582_769_254)).toBe(true);
    expect(madeTogether(1_796_582_769_254, 1_796_582_769_255.5)).toBe(false);
    expect(madeTogether(1_796_582_769_256, 1_796_582_769_254.2)).toBe(false);
  });
});

describe("precompress", () => {
  it("writes a Brotli and a gzip copy beside each text file, none for other files, and again only for a changed file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "keel-precompress-"));
    mkdirSync(path.join(dir, "media"));
    writeFileSync(path.join(dir, "a.js"), "a()");
    writeFileSync(path.join(dir, "s.svg"), "<svg/>");
    writeFileSync(path.join(dir, "media", "f.woff2"), "font");
    expect(await precompress(dir)).toBe(4);
    expect(gunzipSync(readFileSync(path.join(dir, "s.svg.gz"))).toString()).toBe("<svg/>");
    expect(madeTogether(statSync(path.join(dir, "a.js.br")).mtimeMs, statSync(path.join(dir, "a.js")).mtimeMs)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(existsSync(path.join(dir, "media", "f.woff2.br"))).toBe(false);
    expect(await precompress(dir)).toBe(0);
    writeFileSync(path.join(dir, "a.js"), "b()");
    const later = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, "a.js"), later, later);
    expect(await precompress(dir)).toBe(2);
    expect(brotliDecompressSync(readFileSync(path.join(dir, "a.js.br"))).toString()).toBe("b()");
  });
});
