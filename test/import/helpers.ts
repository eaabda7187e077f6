/**
 * Data folders for the import tests: the reference files of data/examples/ plus one survey file
 * (the contract CSV, or an export with its mapping), each in a fresh temporary folder.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { REPO } from '../contract/helpers.ts';

export const REFERENCE_FILES = ['banks.csv', 'attributes.csv', 'stages.csv', 'tasks.csv', 'channels.csv', 'segments.csv'];

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A data folder with the example reference files and `files` (relative path → content). */
export function dataFolder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cx-import-'));
  made.push(dir);
  for (const f of REFERENCE_FILES) cpSync(path.join(REPO, 'data/examples', f), path.join(dir, f));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}
