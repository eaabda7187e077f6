import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `npm run build` as a user would (the script itself, under this Node). */
function build(args: string[]) {
  return spawnSync(process.execPath, ['scripts/build.ts', ...args], { encoding: 'utf8' });
}

const OUT = path.resolve('.cache/test-build');

describe('npm run build', () => {
  it('fails on a page mistake with the page path, the Markdown line and DuckDB\'s message', () => {
    const r = build(['--data', 'test/fixtures/site-small', '--pages', 'test/fixtures/pages-bad', '--out', `${OUT}/bad`]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/test\/fixtures\/pages-bad\/broken\.md:10: sql cell "by_bank": Binder Error: Referenced column "overal" not found/);
  }, 120_000);

  it('builds another data folder, leaving out a page whose tables it lacks, and says why', () => {
    const r = build(['--data', 'test/fixtures/site-small', '--pages', 'test/fixtures/pages-partial', '--out', `${OUT}/partial`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/test\/fixtures\/pages-partial\/gaps\.md: left out of this build: the data have no servqual table/);
    expect(fs.existsSync(`${OUT}/partial/zh/overview/index.html`)).toBe(true);
    expect(fs.existsSync(`${OUT}/partial/zh/gaps`)).toBe(false);
    const html = fs.readFileSync(`${OUT}/partial/en/overview/index.html`, 'utf8');
    expect(html).not.toMatch(/href="[^"]*gaps/);
    // Data are text: a comment holding a script never becomes markup.
    expect(html).not.toContain('<script>window.__pwned');
    // Per-file counts of the contract check are printed and add up.
    expect(r.stdout).toMatch(/survey\/2025Q1\.csv → survey .*rows read 24, loaded 24, rejected 0/);
  }, 120_000);

  it('stops before building when the data break the contract', () => {
    const dir = fs.mkdtempSync(path.join(fs.mkdtempSync('/tmp/cx-'), 'data-'));
    fs.cpSync('test/fixtures/site-small', dir, { recursive: true });
    const file = path.join(dir, 'survey/2025Q1.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('r3,2025Q1,cmb', 'r3,2025Q1,nobank'));
    const r = build(['--data', dir, '--out', `${OUT}/invalid`]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/survey\/2025Q1\.csv:4: .*nobank/);
    expect(r.stdout + r.stderr).toMatch(/nothing was built/);
  }, 120_000);
});
