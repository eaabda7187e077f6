import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Database } from '../db/types.ts';
import { sameValue } from '../notebook/inputs.ts';
import { invalidatedCells, runCells, type CellResults } from '../notebook/run.ts';
import { enumerateStates, runOrder, stateCap, stateCells, stateKey } from '../notebook/states.ts';
import type { InputValues, Notebook } from '../notebook/types.ts';
import { encodeStateFile } from './state-file.ts';

/**
 * The build side of precomputed input states: runs a page for each state `enumerateStates` lists,
 * with the same runCells on the same engine as its default state, and writes the rows its charts,
 * tables and inline values read as one small gzip JSON file per state (content-hashed, so identical
 * states share a file). One input change in the browser then fetches one file and no engine.
 */

export interface PrecomputedStates {
  /** State key (its URL query) → file name in the states folder. */
  files: Record<string, string>;
  /** Distinct files written and their bytes (gzip), for the build log. */
  written: number;
  bytes: number;
  ms: number;
}

/**
 * Runs every enumerated state of a page (`rows`: the largest data table's, which lowers the default
 * cap on large data), starting from the default state's run (its cell tables
 * still in `db`, its results in `results`). Each step re-runs only the cells the inputs that differ
 * from the previous state invalidate, as the browser's engine does.
 */
export async function precomputeStates(
  nb: Notebook,
  db: Database,
  defaults: InputValues,
  results: CellResults,
  dir: string,
  rows = 0,
  /** Called after each state with the count done and the count in all (the build log's progress on large data). */
  onState?: (done: number, total: number) => void,
): Promise<PrecomputedStates> {
  const started = performance.now();
  const cells = stateCells(nb);
  const states = cells.length ? runOrder(nb, enumerateStates(nb, defaults, stateCap(nb, rows)), defaults) : [];
  const files: Record<string, string> = {};
  const seen = new Set<string>();
  let bytes = 0;
  let current = defaults;
  let all: CellResults = { ...results };
  fs.mkdirSync(dir, { recursive: true });
  for (const state of states) {
    const changed = Object.keys(state).filter((k) => !sameValue(state[k], current[k]));
    if (changed.length) {
      const fresh = await runCells(nb, db, state, invalidatedCells(nb, changed), all);
      all = { ...all, ...fresh };
      current = state;
    }
    const gz = gzipSync(encodeStateFile(all, cells), { level: 9 });
    const name = `${nb.slug.replace(/[^A-Za-z0-9_-]/g, '_')}-${createHash('sha256').update(gz).digest('hex').slice(0, 16)}.json.gz`;
    if (!seen.has(name)) {
      seen.add(name);
      bytes += gz.length;
      fs.writeFileSync(path.join(dir, name), gz);
    }
    files[stateKey(nb, state, defaults)] = name;
    onState?.(Object.keys(files).length, states.length);
  }
  return { files, written: seen.size, bytes, ms: performance.now() - started };
}
