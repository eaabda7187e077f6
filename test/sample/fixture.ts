/** Generates sample folders for the tests into fresh temporary directories, and removes them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SampleOptions, SampleResult } from '../../src/sample/index.ts';
import { generateSampleData } from '../../src/sample/index.ts';

const made: string[] = [];

export function tempDir(label = 'sample'): string {
  const dir = mkdtempSync(join(tmpdir(), `cx-${label}-`));
  made.push(dir);
  return dir;
}

export function makeSample(options: Partial<SampleOptions> = {}): SampleResult {
  return generateSampleData({ outDir: tempDir(), ...options });
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
