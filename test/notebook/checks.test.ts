import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/build/prepare.ts';
import { NodeDatabase } from '../../src/db/node.ts';
import { installMethods } from '../../src/methods/loyalty.ts';
import { checkDefaultState, statesN } from '../../src/notebook/checks.ts';
import { inlineRefs, inlineText } from '../../src/notebook/inline.ts';
import { defaultValues } from '../../src/notebook/inputs.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { dataColumnsRead } from '../../src/notebook/reads.ts';
import { resolveInputs, runCells } from '../../src/notebook/run.ts';
import { generateSampleData } from '../../src/sample/index.ts';
import { buildPage, loadNotebook, PageEngine, unsupportedBecause } from '../../src/site/engine.ts';

let db: NodeDatabase;

beforeAll(async () => {
  db = await NodeDatabase.open();
  await installMethods(db);
  await db.exec(`CREATE TABLE t AS SELECT * FROM (VALUES ('2025Q1', 'cmb', 3.0, 'x'), ('2025Q2', 'cmb', 4.0, NULL), ('2025Q2', 'icbc', 5.0, 'y')) AS v(quarter, bank, v, note)`);
});

afterAll(async () => {
  await db.close();
});

const INPUT = '```input quarter\noptions: SELECT DISTINCT quarter AS value FROM t ORDER BY 1 DESC\n```\n';

/** Parses, runs with the defaults and checks a page: the error message, or null when it passes. */
async function check(body: string): Promise<string | null> {
  const nb = parseNotebook(INPUT + body, 'pages/test.md', 'test');
  await resolveInputs(nb, db);
  const defaults = defaultValues(nb);
  try {
    checkDefaultState(nb, await runCells(nb, db, defaults), defaults);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const chart = (extra: string) =>
  '```chart c\ntype: bar\ndata: rows\nx: v\ny: bank\ntitle_en: T\ntitle_zh: T\n' + extra + '\n```\n';

describe('the build refuses what would mislead in the default state', () => {
  it('an empty chart without a reason fails with the page line and the default inputs', async () => {
    const msg = await check("```sql rows\nSELECT bank, v FROM t WHERE quarter = $quarter AND bank = 'none'\n```\n" + chart('method_en: n = 0\nmethod_zh: n = 0'));
    expect(msg).toMatch(/^pages\/test\.md:\d+: chart "c" is empty for the default inputs \(quarter = 2025Q2\): "rows" returns no rows\. .*empty_zh\/empty_en/);
  });

  it('an empty chart that says why passes, and its reason is what the reader sees', async () => {
    const body = "```sql rows\nSELECT bank, v FROM t WHERE quarter = $quarter AND bank = 'none'\n```\n" + chart('method_en: n = 0\nmethod_zh: n = 0\nempty_en: Needs bank none in banks.csv\nempty_zh: 需要 banks.csv 中的 none');
    expect(await check(body)).toBeNull();
  });

  it('an inline value that would print "–" fails; one with ?? text prints the text', async () => {
    const sql = '```sql rows\nSELECT bank, v, note FROM t WHERE quarter = $quarter ORDER BY bank\n```\n';
    expect(await check(sql + 'Note: {rows.note}.\n')).toMatch(/pages\/test\.md:\d+: text: \{rows\.note\} would print "–" for the default inputs \(quarter = 2025Q2\): its value is missing/);
    expect(await check(sql + 'Note: {rows.note ?? none given}.\n')).toBeNull();
    const [ref] = inlineRefs('{rows.note:.1f ?? none given}');
    expect(ref).toEqual({ cell: 'rows', column: 'note', format: '.1f', fallback: 'none given' });
    expect(inlineText(ref!, { rows: { columns: [{ name: 'note', type: 'Utf8' }], rows: [{ note: null }] } }, 'en')).toBe('none given');
    expect(inlineText(ref!, { rows: { columns: [{ name: 'note', type: 'Float64' }], rows: [{ note: 2 }] } }, 'en')).toBe('2.0');
  });

  it('an inline column the cell does not return fails and lists what it returns', async () => {
    const msg = await check('```sql rows\nSELECT bank, v FROM t WHERE quarter = $quarter\n```\nCount: {rows.count:,}\n');
    expect(msg).toMatch(/text: \{rows\.count\}: cell "rows" has no column "count" \(it returns bank, v\)/);
  });

  it('a method that states no n fails; "n =" or a count from the data passes', async () => {
    const sql = '```sql rows\nSELECT bank, v FROM t WHERE quarter = $quarter\n```\n';
    expect(await check(sql + chart('method_en: Mean of v.\nmethod_zh: v 的均值。'))).toMatch(/chart "c": method_zh does not state its n/);
    expect(await check(sql + chart('method_en: Mean of v, n = 2.\nmethod_zh: v 的均值，n = 2。'))).toBeNull();
    expect(statesN('Each bank’s n is in the table.')).toBe(true);
    expect(statesN('{rows.v} respondents')).toBe(true);
    expect(statesN('Mean of v, seed 1.')).toBe(false);
  });
});

describe('what a page reads, as DuckDB plans it', () => {
  it('names only the columns that reach the page, through earlier cells and filters', async () => {
    const nb = parseNotebook(INPUT + '```sql base\nSELECT * FROM t WHERE quarter = $quarter\n```\n```sql rows\nSELECT bank, sum(v) AS v FROM base GROUP BY bank\n```\n', 'pages/test.md', 'test');
    await resolveInputs(nb, db);
    const values = defaultValues(nb);
    await runCells(nb, db, values);
    const reads = await dataColumnsRead(nb, db, values, new Set(['t']));
    // `base` is a table of its own (every column); the whole page reads all of t.
    expect([...reads.get('t')!].sort()).toEqual(['bank', 'note', 'quarter', 'v']);
    const narrow = parseNotebook(INPUT + '```sql rows\nSELECT bank, sum(v) AS v FROM t WHERE quarter = $quarter GROUP BY bank\n```\n', 'pages/n.md', 'n');
    await resolveInputs(narrow, db);
    const r2 = await dataColumnsRead(narrow, db, defaultValues(narrow), new Set(['t']));
    expect([...r2.get('t')!].sort()).toEqual(['bank', 'quarter', 'v']);
  });

  it('a column that only another input value reaches is read too; a count reads every column', async () => {
    // Constant folding would prune `note` for quarter = 2025Q2, yet the browser's engine (which loads only these columns) answers 2025Q1.
    const branch = parseNotebook(INPUT + "```sql rows\nSELECT CASE WHEN $quarter = '2025Q2' THEN v ELSE length(note) END AS x FROM t\n```\n", 'pages/b.md', 'b');
    await resolveInputs(branch, db);
    expect([...(await dataColumnsRead(branch, db, defaultValues(branch), new Set(['t']))).get('t')!].sort()).toEqual(['note', 'v']);
    const count = parseNotebook(INPUT + '```sql rows\nSELECT count(*) AS n FROM t\n```\n', 'pages/c.md', 'c');
    await resolveInputs(count, db);
    expect([...(await dataColumnsRead(count, db, defaultValues(count), new Set(['t']))).get('t')!].sort()).toEqual(['bank', 'note', 'quarter', 'v']);
  });
});

describe('pages built on one engine', () => {
  let root = '';
  let engine: PageEngine;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-ns-'));
    generateSampleData({ outDir: path.join(root, 'data'), respondents: 20, quarters: 2, servqualCustomers: 4, servqualManagers: 2 });
    // A renamed column: the export calls csat "satisfaction".
    for (const f of fs.readdirSync(path.join(root, 'data/survey'))) {
      const p = path.join(root, 'data/survey', f);
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(',csat,', ',satisfaction,'));
    }
    const prepared = await prepareData(path.join(root, 'data'), path.join(root, 'work'), () => {});
    engine = new PageEngine(prepared.tablesDir, prepared.tables, prepared.files);
  });
  afterAll(async () => {
    await engine.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const page = (name: string, text: string, front = '') => {
    const file = path.join(root, `${name}.md`);
    fs.writeFileSync(file, `---\ntitle_en: ${name}\ntables: [survey]\n${front}---\n${text}`);
    return loadNotebook(file, name);
  };

  it('each page sees the data tables and its own cells only, and hints name nothing of another page', async () => {
    const a = page('a', '```sql series\nSELECT bank, count(*) AS n FROM survey GROUP BY bank\n```\n```sql total\nSELECT sum(n) AS n FROM series\n```\nTotal {total.n}.\n');
    await buildPage(a, engine);
    const b = page('b', '```sql k\nSELECT count(*) AS k FROM series\n```\nk = {k.k}\n');
    const error = await buildPage(b, engine).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(error).toMatch(/b\.md:\d+: sql cell "k": Catalog Error: Table with name series does not exist/);
    const hint = page('c', '```sql k\nSELECT count(*) AS k FROM serie\n```\nk = {k.k}\n');
    const hintError = await buildPage(hint, engine).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(hintError).toMatch(/Table with name serie does not exist/);
    expect(hintError).not.toMatch(/series|total/);
  });

  it('an unknown column while the page reads an empty column of its table fails with the files and the fix', async () => {
    const nb = page('csat', '```sql s\nSELECT count(*) AS n, avg(csat) AS csat FROM survey\n```\nCSAT {s.csat ?? none}, n = {s.n}.\n');
    const error = await buildPage(nb, engine).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(error).toMatch(/survey\/2026Q2\.csv:1 \(and 1 more file\): unknown column "satisfaction", while pages read survey\.csat \(.*csat\.md\), which no survey file has\. If "satisfaction" is csat, rename it; otherwise add the line "survey\.satisfaction" to ignored-columns\.txt/);
  });

  it('a page that requires what the data lack is left out, with its reason', async () => {
    const about = (bank: string) => page('req', 'Text.\n', `requires:\n  - sql: SELECT 1 FROM banks WHERE bank_id = '${bank}'\n    why: this page is about bank ${bank}\n`);
    expect(await unsupportedBecause(about('nowhere'), engine)).toBe('this page is about bank nowhere');
    expect(await unsupportedBecause(about('cmb'), engine)).toBeNull();
    expect(() => page('bad', 'Text.\n', 'requires: yes\n')).toThrow(/bad\.md:1: requires: a list of \{ sql/);
  });
});
