import fs from 'node:fs';
import type { FileReport, WeightingReport } from '../contract/types.ts';
import type { TableFile } from '../db/load.ts';
import { ENV } from './config.ts';

/** What stage one of the build (src/build/prepare.ts) found in the data, read by the pages. */
export interface BuildInfo {
  dataDir: string;
  synthetic: boolean;
  quarters: string[];
  tables: TableFile[];
  files: FileReport[];
  /** How the survey was raked to weighting/ targets (absent without them). */
  weighting?: WeightingReport[];
}

let cached: BuildInfo | undefined;

export function buildInfo(): BuildInfo {
  if (!cached) {
    const file = process.env[ENV.buildInfo];
    if (!file) throw new Error(`${ENV.buildInfo} is not set: build the site with \`npm run build\``);
    cached = JSON.parse(fs.readFileSync(file, 'utf8')) as BuildInfo;
  }
  return cached;
}
