import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSampleArgs } from '../../src/sample/cli.ts';
import { DEFAULT_OPTIONS, generateSampleData, spreadEvenly } from '../../src/sample/index.ts';
import { makeSample, removeTempDirs, tempDir } from './fixture.ts';

const SMALL = { respondents: 40, quarters: 3, servqualCustomers: 12, servqualManagers: 3 };

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).replaceAll('\\', '/'))
    .sort();
}

afterAll(removeTempDirs);

describe('sample data: reproducibility', () => {
  it('writes byte-identical files for the same seed and options', () => {
    const a = makeSample({ ...SMALL, seed: 7 });
    const b = makeSample({ ...SMALL, seed: 7 });
    const files = listFiles(a.options.outDir);
    expect(files).toEqual(listFiles(b.options.outDir));
    expect(files).toContain('survey/2026Q3.csv');
    for (const f of files) {
      expect(readFileSync(join(b.options.outDir, f)).equals(readFileSync(join(a.options.outDir, f))), f).toBe(true);
    }
  });

  it('writes different data for a different seed', () => {
    const a = makeSample({ ...SMALL, seed: 7 });
    const b = makeSample({ ...SMALL, seed: 8 });
    for (const f of ['survey/2026Q3.csv', 'servqual/2026Q3.csv', 'servqual_provider/2026Q3.csv', 'servqual_opinions.csv', 'metrics/app_rating.csv']) {
      expect(readFileSync(join(a.options.outDir, f), 'utf8'), f).not.toEqual(readFileSync(join(b.options.outDir, f), 'utf8'));
    }
    // The reference tables are not random.
    expect(readFileSync(join(a.options.outDir, 'attributes.csv'), 'utf8')).toEqual(
      readFileSync(join(b.options.outDir, 'attributes.csv'), 'utf8'),
    );
  });

  it("keeps a quarter's files identical when more quarters are generated", () => {
    const short = makeSample({ ...SMALL, quarters: 2 });
    const long = makeSample({ ...SMALL, quarters: 4 });
    for (const f of ['survey/2026Q2.csv', 'servqual/2026Q3.csv', 'servqual_provider/2026Q3.csv']) {
      expect(readFileSync(join(short.options.outDir, f), 'utf8'), f).toEqual(readFileSync(join(long.options.outDir, f), 'utf8'));
    }
  });

  it('spreads a total number of respondents evenly over banks and quarters', () => {
    expect(spreadEvenly(10, 4)).toEqual([3, 3, 2, 2]);
    const r = makeSample({ ...SMALL, totalRespondents: 100 });
    const sizes = [...r.cellSizes.values()];
    expect(sizes.reduce((s, n) => s + n, 0)).toBe(100);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const surveyRows = r.files.filter((f) => f.file.startsWith('survey/')).reduce((s, f) => s + f.rows, 0);
    expect(surveyRows).toBe(100);
  });

  it('removes its own stale files, but only in a folder it generated', () => {
    const dir = tempDir('stale');
    generateSampleData({ ...SMALL, outDir: dir, quarters: 3 });
    const again = generateSampleData({ ...SMALL, outDir: dir, quarters: 2 });
    expect(again.removed).toEqual(['survey/2026Q1.csv', 'servqual/2026Q1.csv', 'servqual_provider/2026Q1.csv']);
    expect(existsSync(join(dir, 'survey/2026Q1.csv'))).toBe(false);

    const foreign = tempDir('foreign');
    mkdirSync(join(foreign, 'survey'));
    writeFileSync(join(foreign, 'survey/2019Q1.csv'), 'respondent_id,bank\n1,cmb\n');
    const r = generateSampleData({ ...SMALL, outDir: foreign });
    expect(r.removed).toEqual([]);
    expect(r.warnings.join('\n')).toMatch(/survey\/2019Q1\.csv/);
    expect(existsSync(join(foreign, 'survey/2019Q1.csv'))).toBe(true);
  });
});

describe('sample data: command line', () => {
  it('parses the options, with defaults', () => {
    expect(parseSampleArgs([])).toEqual({ help: false, options: DEFAULT_OPTIONS });
    const r = parseSampleArgs(['--out', '/tmp/x', '--seed', '3', '--total-respondents', '200_000', '--quarters', '6', '--end', '2025Q4']);
    expect(r).toMatchObject({
      help: false,
      options: { outDir: '/tmp/x', seed: 3, totalRespondents: 200000, quarters: 6, endQuarter: '2025Q4' },
    });
    expect(parseSampleArgs(['-h'])).toEqual({ help: true });
    expect(() => parseSampleArgs(['--respondents', 'many'])).toThrow(/whole number/);
    expect(() => parseSampleArgs(['--end', '2025-09'])).toThrow(/quarter/);
    expect(() => parseSampleArgs(['--bogus'])).toThrow();
  });

  it('prints one line per file and a total', () => {
    const dir = tempDir('cli');
    const out = execFileSync(
      process.execPath,
      ['scripts/sample-data.ts', '--out', dir, '--respondents', '20', '--quarters', '2', '--servqual-customers', '5', '--servqual-managers', '2'],
      { encoding: 'utf8' },
    );
    const lines = out.trim().split('\n');
    expect(lines.find((l) => l.includes('survey/2026Q3.csv'))).toMatch(/\b60 rows\s+\d+ bytes/);
    expect(lines.at(-1)).toMatch(/^total: \d+ files, \d+ rows, \d+ bytes .*120 survey respondents, 2 quarters; seed/);
    expect(readFileSync(join(dir, 'SAMPLE.md'), 'utf8')).toMatch(/synthetic/i);
  });
});

describe('sample data: size budget', () => {
  it('the default set keeps every file under 5 MiB and the folder under 15 MB', () => {
    const r = makeSample({ seed: DEFAULT_OPTIONS.seed });
    expect(Math.max(...r.files.map((f) => f.bytes))).toBeLessThan(5 * 1024 * 1024);
    expect(r.files.reduce((s, f) => s + f.bytes, 0)).toBeLessThan(15_000_000);
  });
});
