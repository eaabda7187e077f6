/** `npm run check-data` as a user runs it: a child process, its output and exit code. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, REPO, makeFolder, row, survey } from './helpers.ts';

const SCRIPT = path.join(REPO, 'scripts/check-data.ts');

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('check-data CLI', () => {
  it('passes the documented examples with exit code 0', () => {
    const r = run(['--data', 'data/examples']);
    expect(r.stderr).not.toMatch(/Error|error:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('data/examples/survey/2025Q3.csv → survey (utf-8, comma, LF): rows read 5, loaded 5, rejected 0');
    expect(r.stdout).toMatch(/^OK: the data meet the contract/m);
  });

  it('fails with exit code 1 and prints file:line: column: message', () => {
    const dir = makeFolder({ 'survey/2025Q3.csv': survey([row('r1'), row('r2', { perf_queue: '11' })]) });
    const r = run([`--data=${dir}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${dir}/survey/2025Q3.csv:3: column perf_queue: value 11 is outside 1–10 (attribute queue's scale)`);
    expect(r.stdout).toMatch(/^FAILED: 1 error in 1 file/m);
  });

  it('checks data/ of the working folder by default', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'cx-cli-'));
    mkdirSync(path.join(cwd, 'data'));
    cpSync(BASE, path.join(cwd, 'data'), { recursive: true });
    const r = run([], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('data/banks.csv → banks (utf-8, comma, LF): rows read 3, loaded 3, rejected 0');
  });

  it('a missing folder is an error', () => {
    const r = run(['--data', path.join(tmpdir(), 'cx-no-such-folder')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the data folder does not exist/);
  });

  it('usage errors exit 2, --help exits 0', () => {
    expect(run(['--bogus']).code).toBe(2);
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: npm run check-data/);
  });
});
