/**
 * Keeps every file of the built site under static hosts' per-file limits: DuckDB's wasm (34 MB) is
 * shipped gzip-compressed and decompressed by the page (src/db/browser.ts), so it works on hosts
 * that do not compress (or cap files at 25 MiB, as Cloudflare Pages does).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Cloudflare Pages' per-file limit, the strictest of the common static hosts. */
export const FILE_LIMIT_BYTES = 25 * 1024 * 1024;

export interface CompressedFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** Replaces each `.wasm` file by `<name>.wasm.gz`; then checks that no file exceeds the limit. */
export function compressEngine(outDir: string, limit = FILE_LIMIT_BYTES): CompressedFile[] {
  const done: CompressedFile[] = [];
  for (const file of files(outDir)) {
    if (!file.endsWith('.wasm')) continue;
    const bytes = fs.readFileSync(file);
    const gz = zlib.gzipSync(bytes, { level: 9 });
    fs.writeFileSync(`${file}.gz`, gz);
    fs.rmSync(file);
    done.push({ file: path.relative(outDir, file), bytes: bytes.length, gzipBytes: gz.length });
  }
  const tooBig = [...files(outDir)].filter((f) => fs.statSync(f).size > limit);
  if (tooBig.length) {
    throw new Error(`files over ${(limit / 1024 / 1024).toFixed(0)} MiB, which static hosts such as Cloudflare Pages refuse: ${tooBig.map((f) => path.relative(outDir, f)).join(', ')}`);
  }
  return done;
}
