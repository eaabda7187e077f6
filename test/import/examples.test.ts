/**
 * The worked examples in data/examples/imports/: they pass the check as documented, the generator
 * writes them again byte for byte (the workbook cell for cell), and `npm run map` works as a user
 * runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataFolder, formatReport } from '../../src/contract/index.ts';
import { readWorkbook } from '../../src/import/xlsx.ts';
import { writeImportExamples } from '../../src/sample/exports.ts';
import { REPO } from '../contract/helpers.ts';
import { dataFolder } from './helpers.ts';
import { exportBytes, exportRespondents } from '../../src/sample/exports.ts';

const EXAMPLES = path.join(REPO, 'data/examples/imports');

describe('data/examples/imports', () => {
  it('passes the check: four exports of 12 respondents, each through its mapping', async () => {
    const result = await checkDataFolder(EXAMPLES);
    expect(result.ok, formatReport(result)).toBe(true);
    const files = result.files.filter((f) => f.table === 'survey');
    expect(files.map((f) => [path.basename(f.file), f.origin?.format, f.rowsLoaded])).toEqual([
      ['2026Q1_qualtrics.csv', 'qualtrics', 12],
      ['2026Q2_wjx.csv', 'wjx', 12],
      ['2026Q3_surveymonkey.csv', 'surveymonkey', 12],
      ['2026Q4_wjx.xlsx', 'wjx', 12],
    ]);
    expect(result.issues ?? []).toEqual([]);
    expect(files.every((f) => f.warningCount === 0)).toBe(true);
  });

  it('is what the generator writes', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cx-examples-'));
    try {
      const written = await writeImportExamples(out, path.join(REPO, 'data/examples'));
      expect(written.sort()).toEqual([...readdirSync(EXAMPLES).filter((f) => f.endsWith('.csv')), ...readdirSync(path.join(EXAMPLES, 'survey')).map((f) => `survey/${f}`)].sort());
      for (const f of written) {
        const a = readFileSync(path.join(out, f));
        const b = readFileSync(path.join(EXAMPLES, f));
        if (!f.endsWith('.xlsx')) expect(a.equals(b), f).toBe(true);
        else expect(await readWorkbook(a, null)).toEqual(await readWorkbook(b, null));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('npm run map as a user runs it', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'scripts/map.ts'), ...args], { cwd: REPO, encoding: 'utf8' });

  it('writes the draft beside the export and says how many TODOs are left', async () => {
    const dir = dataFolder({ 'survey/2026Q4_wjx.csv': await exportBytes('wjx', exportRespondents(20)) });
    const file = path.join(dir, 'survey/2026Q4_wjx.csv');
    const r = run([file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${file}: 问卷星 (wjx) export`);
    expect(r.stdout).toContain(`wrote ${path.join(dir, 'survey/2026Q4_wjx.map.yml')}`);
    expect(r.stdout).toMatch(/1 TODO to fill in/);
    expect(existsSync(path.join(dir, 'survey/2026Q4_wjx.map.yml'))).toBe(true);
    const again = run([file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
  });

  it('exits 2 on a usage error', () => {
    expect(run([]).status).toBe(2);
    expect(run(['--help']).status).toBe(0);
  });
});
