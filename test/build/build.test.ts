import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';

/** Runs `npm run build` as a user would (the script itself, under this Node). */
function build(args: string[]) {
  return spawnSync(process.execPath, ['scripts/build.ts', ...args], { encoding: 'utf8' });
}

const OUT = path.resolve('.cache/test-build');

/** Every file of a folder (relative path → sha256), for byte-for-byte comparisons. */
function hashes(dir: string): Record<string, string> {
  const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile());
  const out: Record<string, string> = {};
  for (const e of files) {
    const full = path.join(e.parentPath, e.name);
    out[path.relative(dir, full)] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return out;
}

const lastLine = (text: string) => text.trim().split('\n').at(-1);

describe('npm run build', () => {
  it('fails on a page mistake with the page path, the Markdown line and DuckDB\'s message', () => {
    const r = build(['--data', 'test/fixtures/site-small', '--pages', 'test/fixtures/pages-bad', '--out', `${OUT}/bad`]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/test\/fixtures\/pages-bad\/broken\.md:10: sql cell "by_bank": Binder Error: Referenced column "overal" not found/);
  }, 120_000);

  it('keeps the previous site byte for byte when a later build fails, and says so in its last line', () => {
    const out = `${OUT}/atomic`;
    fs.rmSync(out, { recursive: true, force: true });
    // Any data will do: the small fixture's, which builds in seconds (the sample's precomputes a minute of states).
    const first = build(['--data', 'test/fixtures/site-small', '--pages', 'test/fixtures/pages-partial', '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    const before = hashes(out);
    expect(Object.keys(before)).toContain('en/overview/index.html');

    // A page error, found while Astro renders the pages.
    const pageError = build(['--data', 'test/fixtures/site-small', '--pages', 'test/fixtures/pages-bad', '--out', out]);
    expect(pageError.status).not.toBe(0);
    expect(pageError.stderr).toMatch(/broken\.md:10: sql cell "by_bank": Binder Error/);
    expect(lastLine(pageError.stderr)).toBe('[cx] build failed: the previous site in .cache/test-build/atomic was kept unchanged');
    expect(hashes(out)).toEqual(before);

    // A data error, found before anything is built.
    const dataError = build(['--data', 'test/fixtures/no-such-folder', '--out', out]);
    expect(dataError.status).not.toBe(0);
    expect(lastLine(dataError.stderr)).toMatch(/previous site .* was kept unchanged/);
    expect(hashes(out)).toEqual(before);
    // No staging folder is left beside the output.
    expect(fs.readdirSync(OUT).filter((n) => n.startsWith('.atomic.'))).toEqual([]);
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
    fs.writeFileSync(path.join(dir, 'metric_defs.csv'), 'metric_id,label_zh,label_en,unit,direction\napp_rating,应用评分,App rating,stars,higher_better\n');
    fs.mkdirSync(path.join(dir, 'metrics'));
    fs.writeFileSync(path.join(dir, 'metrics/ops.csv'), 'bank,period,metric,value\ncmb,2025Q1,app_rating,4.5\ncmb,2025Q1,nps_app,30\ncmb,2025-13,app_rating,4.4\n');
    const r = build(['--data', dir, '--out', `${OUT}/invalid`]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/survey\/2025Q1\.csv:4: .*nobank/);
    expect(r.stdout + r.stderr).toMatch(/metrics\/ops\.csv:3: column metric: .*nps_app.* metric_defs\.csv/);
    expect(r.stdout + r.stderr).toMatch(/metrics\/ops\.csv:4: column period: .*2025-13/);
    expect(r.stdout + r.stderr).toMatch(/nothing was built/);
  }, 120_000);

  it('carries a Chinese comment from a GB18030 file into the page byte-exact, as text', () => {
    const dir = fs.mkdtempSync('/tmp/cx-gb-');
    fs.mkdirSync(`${dir}/survey`);
    for (const f of fs.readdirSync('test/fixtures/contract/base')) fs.copyFileSync(`test/fixtures/contract/base/${f}`, `${dir}/${f}`);
    fs.copyFileSync('test/fixtures/contract/encodings/gb18030-survey.csv', `${dir}/survey/2025Q3.csv`);
    const r = build(['--data', dir, '--out', `${OUT}/gb`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/survey\/2025Q3\.csv → survey \(gb18030/);
    const { document } = new JSDOM(fs.readFileSync(`${OUT}/gb/zh/overview/index.html`, 'utf8')).window;
    const cells = [...document.querySelectorAll('#chart-voices_table td')].map((td) => td.textContent);
    expect(cells).toContain('服务很好，排队太久。');
    // The file's CRLF inside quotes arrives as written; HTML parsing (here as in browsers) reads it as LF.
    expect(cells).toContain('客户经理说："请稍等"，\n然后等了二十分钟。');
  }, 120_000);

  it('picks up a new quarter dropped into survey/ as the default, and drops a removed one', () => {
    const dir = fs.mkdtempSync('/tmp/cx-refresh-');
    fs.cpSync('test/fixtures/site-small', dir, { recursive: true });
    const q2 = fs.readFileSync(`${dir}/survey/2025Q2.csv`, 'utf8');
    fs.writeFileSync(`${dir}/survey/2025Q3.csv`, q2.replaceAll(',2025Q2,', ',2025Q3,'));
    const selectedQuarter = (out: string) => {
      const { document } = new JSDOM(fs.readFileSync(`${out}/en/overview/index.html`, 'utf8')).window;
      const select = document.querySelector('select[name="quarter"]') as HTMLSelectElement;
      return { value: select.value, options: [...select.options].map((o) => o.value) };
    };
    // A page with a quarter input is enough: the report's every page would precompute its states too.
    const refresh = () => build(['--data', dir, '--pages', 'test/fixtures/pages-partial', '--out', `${OUT}/refresh`]);
    expect(refresh().status).toBe(0);
    expect(selectedQuarter(`${OUT}/refresh`)).toEqual({ value: '2025Q3', options: ['2025Q3', '2025Q2', '2025Q1'] });
    fs.rmSync(`${dir}/survey/2025Q3.csv`);
    expect(refresh().status).toBe(0);
    expect(selectedQuarter(`${OUT}/refresh`)).toEqual({ value: '2025Q2', options: ['2025Q2', '2025Q1'] });
  }, 120_000);

  it('builds survey-platform exports dropped in with their mappings; the catalogue names platform and mapping', () => {
    const pages = fs.mkdtempSync('/tmp/cx-pages-');
    fs.writeFileSync(
      `${pages}/counts.md`,
      '---\ntitle_zh: 计数\ntitle_en: Counts\norder: 1\ntables: [survey, banks]\n---\n\n```sql counts display\nSELECT quarter, count(*) AS n, round(avg(csat), 3) AS csat FROM survey GROUP BY 1 ORDER BY 1\n```\n',
    );
    const r = build(['--data', 'data/examples/imports', '--pages', pages, '--out', `${OUT}/imports`]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('data/examples/imports/survey/2026Q2_wjx.csv → survey (问卷星 export mapped by data/examples/imports/survey/2026Q2_wjx.map.yml; gb18030, comma, CRLF): rows read 12, loaded 12, rejected 0');
    const { document } = new JSDOM(fs.readFileSync(`${OUT}/imports/en/catalog/index.html`, 'utf8')).window;
    const origins = [...document.querySelectorAll('#table-survey .file-origin')].map((e) => e.textContent!.replace(/\s+/g, ' ').trim());
    expect(origins).toEqual([
      'Qualtrics export · mapping: data/examples/imports/survey/2026Q1_qualtrics.map.yml',
      '问卷星 (wjx) export · mapping: data/examples/imports/survey/2026Q2_wjx.map.yml',
      'SurveyMonkey export · mapping: data/examples/imports/survey/2026Q3_surveymonkey.map.yml',
      '问卷星 (wjx) export · sheet 答卷数据 · mapping: data/examples/imports/survey/2026Q4_wjx.map.yml',
    ]);
    expect(document.querySelector('#table-banks .file-origin')).toBeNull();
    const counts = new JSDOM(fs.readFileSync(`${OUT}/imports/en/counts/index.html`, 'utf8')).window.document;
    expect([...counts.querySelectorAll('td')].map((td) => td.textContent).slice(0, 2)).toEqual(['2026Q1', '12']);
  }, 120_000);

  it('rakes the survey to weighting/targets.csv: the check prints how, and the catalogue shows it per bank and quarter', () => {
    const data = fs.mkdtempSync('/tmp/cx-weighting-');
    fs.cpSync('test/fixtures/site-small', data, { recursive: true });
    fs.mkdirSync(`${data}/weighting`);
    fs.writeFileSync(`${data}/weighting/targets.csv`, 'period,bank,variable,category,share\n2025Q2,*,segment,mass,0.8\n2025Q2,*,segment,affluent,0.2\n');
    const r = build(['--data', data, '--pages', 'test/fixtures/pages-partial', '--out', `${OUT}/weighting`]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cmb 2025Q2 on segment: 12 respondents, converged in 1 sweep, weights 0\.20–2\.40, design effect 1\.59, effective n 8/);
    const { document } = new JSDOM(fs.readFileSync(`${OUT}/weighting/zh/catalog/index.html`, 'utf8')).window;
    const rows = [...document.querySelectorAll('#table-survey #weighting ~ .table-scroll tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    expect(rows).toEqual([
      ['cmb', '2025Q2', 'segment', '12', '1 · 收敛', '0.20–2.40', '0', '1.59', '8'],
      ['icbc', '2025Q2', 'segment', '12', '1 · 收敛', '0.20–2.40', '0', '1.59', '8'],
    ]);
    expect(document.querySelector('#table-weight_targets')).not.toBeNull();
  }, 120_000);

  it('lists every table, its columns, coverage and source files in the data catalogue', () => {
    const { document } = new JSDOM(fs.readFileSync(`${OUT}/partial/en/catalog/index.html`, 'utf8')).window;
    const sections = [...document.querySelectorAll('section.catalog-table')].map((s) => s.id);
    expect(sections).toEqual(['table-attributes', 'table-banks', 'table-segments', 'table-survey']);
    // No segments.csv: the table is derived from the survey's segments, and says it has no file.
    expect(document.querySelector('#table-segments')!.textContent).toMatch(/no file: built-in defaults, or derived from another table/);
    const survey = document.querySelector('#table-survey')!.textContent!;
    expect(survey).toMatch(/Rows: 48/);
    expect(survey).toMatch(/2025Q1 – 2025Q2 \(2\)/);
    expect(survey).toMatch(/survey\/2025Q2\.csv\s*utf-8/);
    expect(survey).toMatch(/perf_app_ease\s*DOUBLE/);
    expect(document.querySelector('nav a[href$="/en/catalog/"]')).not.toBeNull();
  });
});
