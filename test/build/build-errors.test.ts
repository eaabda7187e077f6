import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs `npm run build` as a user would (the script itself, under this Node). */
function build(args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/build.ts', ...args], { encoding: 'utf8', env: { ...process.env, CX_DEBUG: '' } });
  return { status: r.status, output: r.stdout + r.stderr, lines: r.stderr.trim().split('\n') };
}

const OUT = path.resolve('.cache/test-build-errors');
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
/** A page folder holding one page with this text. */
function pages(text: string): string {
  const dir = tmp('cx-pages-');
  fs.writeFileSync(path.join(dir, 'page.md'), text);
  return dir;
}
/** No line of a stack trace ("    at fn (file:line)"), nor the name of an internal error class. */
const noStack = (output: string) => {
  expect(output).not.toMatch(/^\s+at\s/m);
  expect(output).not.toMatch(/YAMLException|MarkdownError|AstroError/);
};

describe('a failed build ends with a clear message, never a stack trace', () => {
  it('a page whose frontmatter is not YAML (an error Astro raises): the file, the line and what to fix', () => {
    const dir = pages('---\ntitle_en: [broken\n---\n\ntext\n');
    const r = build(['--data', 'test/fixtures/site-small', '--pages', dir, '--out', `${OUT}/frontmatter`]);
    expect(r.status).not.toBe(0);
    noStack(r.output);
    expect(r.lines.at(-2)).toMatch(new RegExp(`^\\[cx\\] .*page\\.md:2: the page's frontmatter \\(between the --- lines\\) could not be read: `));
    expect(r.lines.at(-1)).toMatch(/^\[cx\] build failed: /);
  }, 120_000);

  it('a page mistake found while rendering (the fixture with a misspelt column)', () => {
    const r = build(['--data', 'test/fixtures/site-small', '--pages', 'test/fixtures/pages-bad', '--out', `${OUT}/page`]);
    expect(r.status).not.toBe(0);
    noStack(r.output);
    expect(r.output).toMatch(/broken\.md:10: sql cell "by_bank": Binder Error/);
  }, 120_000);

  it('data that break the contract', () => {
    const dir = tmp('cx-data-');
    fs.cpSync('test/fixtures/site-small', dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'banks.csv'), 'bank_id,name_zh\n"unclosed,招商\n');
    const r = build(['--data', dir, '--out', `${OUT}/data`]);
    expect(r.status).not.toBe(0);
    noStack(r.output);
    expect(r.output).toMatch(/banks\.csv/);
  }, 120_000);

  it.each([
    [['--pages', '/no/such/folder'], /^\[cx\] --pages \/no\/such\/folder: there is no such folder/],
    [['--pages', 'EMPTY'], /: the folder holds no page \(\*\.md\)$/],
    [['--base', 'reports'], /^\[cx\] --base reports: .* starts with \//],
  ])('options that cannot work, said before anything is built: %j', (args, message) => {
    const r = build(['--data', 'test/fixtures/site-small', ...args.map((a) => (a === 'EMPTY' ? tmp('cx-empty-') : a)), '--out', `${OUT}/options`]);
    expect(r.status).not.toBe(0);
    noStack(r.output);
    expect(r.lines.at(-2)).toMatch(message);
    expect(r.output).not.toMatch(/Data check/);
  });

  it('data from which no page can be built', () => {
    const r = build(['--data', tmp('cx-nodata-'), '--out', `${OUT}/nothing`]);
    expect(r.status).not.toBe(0);
    noStack(r.output);
    expect(r.output).toMatch(/left out of this build/);
    expect(r.lines.at(-2)).toBe('[cx] no page of pages could be built from these data: every page was left out (the lines above say why)');
  }, 120_000);
});
