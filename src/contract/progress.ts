import type { ContractProgress } from './index.ts';

/**
 * On a terminal one line is redrawn in place; in CI (no TTY) a line is printed at most every few
 * seconds, so long checks show life without flooding logs.
 */
export function progressPrinter(label: string): { onProgress: (p: ContractProgress) => void; finish: () => void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let last = 0;
  let drawn = false;
  const bar = (f: number, width = 24) => {
    const n = Math.round(Math.max(0, Math.min(1, f)) * width);
    return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
  };
  return {
    onProgress(p) {
      const now = Date.now();
      const overall = p.bytesTotal > 0 ? Math.min(1, (p.bytesDone + (p.fraction < 1 ? p.fraction * p.fileBytes : 0)) / p.bytesTotal) : 0;
      if (tty) {
        if (now - last < 100 && p.fraction !== 1) return;
        last = now;
        const cols = process.stderr.columns ?? 100;
        const line = `${bar(overall)} ${p.filesDone}/${p.filesTotal} files  ${p.message}`;
        process.stderr.write(`\r\x1b[K${line.slice(0, cols - 1)}`);
        drawn = true;
      } else if (now - started > 2000 && now - last > 5000) {
        last = now;
        process.stderr.write(`${label}: ${Math.round(overall * 100)}% (${p.filesDone}/${p.filesTotal} files) ${p.message}\n`);
      }
    },
    finish() {
      if (tty && drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
