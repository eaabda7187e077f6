// A chart option its type does not take fails the real build with the page's file, line and a did-you-mean.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = path.resolve('.cache/test-chart-options');

/** Builds the small fixture's data with one page holding this chart cell (its fence on line 12); the build's last two lines. */
function buildWithChart(chart: string): { status: number | null; lines: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-chart-options-'));
  const page = ['---', 'title: Options', 'tables: [survey]', '---', '', '```sql by_bank', 'SELECT bank, count(*) AS n', 'FROM survey', 'GROUP BY bank', '```', '', '```chart n_by_bank', chart, '```', ''].join('\n');
  fs.writeFileSync(path.join(dir, 'options.md'), page);
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--data', 'test/fixtures/site-small', '--pages', dir, '--out', OUT], { encoding: 'utf8', env: { ...process.env, CX_DEBUG: '' } });
  return { status: r.status, lines: r.stderr.trim().split('\n').slice(-2) };
}

describe('chart options in a build', () => {
  it('a misspelt option: the file, its line, and the near miss', () => {
    const r = buildWithChart('type: dot\ndata: by_bank\nx: n\ny: bank\ncolour: red\nmethod: n = {by_bank.n}');
    expect(r.status).not.toBe(0);
    expect(r.lines[0]).toMatch(/options\.md:17: chart "n_by_bank": unknown option "colour" \(did you mean "color"\?\)$/);
    expect(r.lines[1]).toMatch(/^\[cx\] build failed: /);
  }, 120_000);

  it("another type's option: the file, its line, the type's near miss and the types that take it", () => {
    const r = buildWithChart('type: bar\ndata: by_bank\nx: n\ny: bank\nyError: [n, n]\nmethod: n = {by_bank.n}');
    expect(r.status).not.toBe(0);
    expect(r.lines[0]).toMatch(/options\.md:17: chart "n_by_bank": unknown option "yError" for type bar \(did you mean "xError"\?\); ipa, emotionmap take it$/);
  }, 120_000);
});
