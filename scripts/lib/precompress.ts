/**
 * Compresses the build's static files once, as a CDN would keep them: beside each script, style and other text file
 * under `.next/static/`, a `.br` (Brotli, quality 11) and a `.gz` (gzip, level 9). The production server
 * (`scripts/serve.ts`, `lib/server/precompressed.ts`) sends these instead of compressing the file on every request.
 *
 * Run after the compile hints (`npm run build`: they change the scripts). Each copy is written under a temporary name
 * and renamed into place (an interrupted run leaves no truncated copy), then given its file's modification time: a copy
 * is current when the two times are equal, and only then does the server send it. Idempotent. The work runs on libuv's
 * thread pool, a few files at a time.
 */
import { statSync } from "node:fs";
import { readFile, rename, utimes, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { ENCODINGS, madeTogether, precompressibleFiles, type Encoding } from "../../lib/server/precompressed";

const compressors: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => promisify(gzip)(data, { level: constants.Z_BEST_COMPRESSION }),
};

/** Writes the missing or stale compressed copies of every precompressed type under `dir`; returns how many it wrote. */
export async function precompress(dir: string, concurrency = Math.max(2, availableParallelism())): Promise<number> {
  const jobs = precompressibleFiles(dir).flatMap((file) => {
    const { mtime, mtimeMs } = statSync(file);
    const stale = ENCODINGS.filter(({ suffix }) => {
      const copy = statSync(file + suffix, { throwIfNoEntry: false });
      return !copy || !madeTogether(copy.mtimeMs, mtimeMs);
    });
    return stale.map(({ encoding, suffix }) => async () => {
      const temp = `${file}${suffix}.${process.pid}.tmp`;
      await writeFile(temp, await compressors[encoding](await readFile(file)));
      await utimes(temp, mtime, mtime);
      await rename(temp, file + suffix);
    });
  });
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return jobs.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const started = Date.now();
  const n = await precompress(path.join(root, ".next", "static"));
  console.log(`precompressed: ${n} copies (Brotli 11, gzip 9) in ${((Date.now() - started) / 1000).toFixed(1)} s (scripts/lib/precompress.ts)`);
}
