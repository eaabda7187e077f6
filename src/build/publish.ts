/**
 * Atomic output: the build writes into a staging folder beside the output folder and replaces the
 * output only once every stage has succeeded, so a failed build (a data error, a page error, a
 * file too big) leaves the previous site byte for byte, and a publish step that copies the output
 * after a failed build (a cron job, a CI step without `set -e`) copies the last good site.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_FILE_BYTES } from '../db/slices.ts';
import { alive } from './lock.ts';
import { DataError } from './prepare.ts';

/** Leftover staging or previous folders of `outDir` whose build process is gone (killed mid-build). */
function removeLeftovers(outDir: string): void {
  const dir = path.dirname(outDir);
  const prefix = `.${path.basename(outDir)}.`;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(?:building|previous)-(\d+)$/.exec(name.slice(prefix.length)) : null;
    if (m && !alive(Number(m[1]))) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

/** A fresh, empty staging folder beside `outDir` (same file system, so the swap is a rename). */
export function stagingDir(outDir: string): string {
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  removeLeftovers(outDir);
  const staging = path.join(path.dirname(outDir), `.${path.basename(outDir)}.building-${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  return staging;
}

/**
 * Puts the finished `staging` folder in place of `outDir`: two renames (the old site aside, the new
 * one in), then the old site is deleted. Should the second rename fail, the old site goes back.
 */
export function publishStaging(staging: string, outDir: string): void {
  const previous = path.join(path.dirname(outDir), `.${path.basename(outDir)}.previous-${process.pid}`);
  const hadSite = fs.existsSync(outDir);
  if (hadSite) fs.renameSync(outDir, previous);
  try {
    fs.renameSync(staging, outDir);
  } catch (e) {
    if (hadSite) fs.renameSync(previous, outDir);
    throw e;
  }
  if (hadSite) fs.rmSync(previous, { recursive: true, force: true });
}

/** Deletes a failed build's staging folder; the output folder is not touched. */
export function discardStaging(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}

/** The last line of a failed build: what became of the output folder. */
export function keptMessage(outDir: string, shown: string): string {
  return fs.existsSync(outDir)
    ? `[cx] build failed: the previous site in ${shown} was kept unchanged`
    : `[cx] build failed: nothing was written to ${shown} (there was no previous site)`;
}

/**
 * The size of the largest file of a staged site. Static hosts refuse files over 25 MiB, so a site
 * holding one is not published: the error names each file.
 */
export function checkFileSizes(dir: string, limit: number = MAX_FILE_BYTES): number {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({ file: path.join(e.parentPath, e.name), bytes: fs.statSync(path.join(e.parentPath, e.name)).size }));
  const over = files.filter((f) => f.bytes > limit);
  if (over.length) {
    const list = over.map((f) => `${path.relative(dir, f.file)} is ${(f.bytes / 1048576).toFixed(1)} MiB`).join('; ');
    throw new DataError(`${list}: over the ${(limit / 1048576).toFixed(0)} MiB per-file limit of static hosts`);
  }
  return Math.max(0, ...files.map((f) => f.bytes));
}
