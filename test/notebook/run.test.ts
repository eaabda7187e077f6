import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDatabase } from '../../src/db/node.ts';
import type { Database } from '../../src/db/types.ts';
import { installMethods } from '../../src/methods/loyalty.ts';
import { SEARCH_MAX_LENGTH, defaultValues, inputCells, unknownInQuery, valuesFromQuery, valuesToQuery } from '../../src/notebook/inputs.ts';
import { linkNotice } from '../../src/site/link-notice.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { invalidatedCells, resolveInputs, runCells } from '../../src/notebook/run.ts';
import type { InputCell } from '../../src/notebook/types.ts';
import { printState } from '../../src/site/print-state.ts';

const PAGE = `
\`\`\`input quarter
options: SELECT DISTINCT quarter AS value FROM t ORDER BY 1 DESC
\`\`\`

\`\`\`input banks
type: multiselect
options: SELECT DISTINCT bank AS value, upper(bank) AS label FROM t ORDER BY 1
default: all
\`\`\`

\`\`\`input span
type: range
options: SELECT DISTINCT quarter AS value FROM t ORDER BY 1
\`\`\`

\`\`\`sql per_bank display
SELECT bank, sum(v) AS total FROM t
WHERE quarter = $quarter AND list_contains($banks, bank)
GROUP BY bank ORDER BY bank
\`\`\`

\`\`\`sql top
SELECT bank FROM per_bank ORDER BY total DESC LIMIT 1
\`\`\`

\`\`\`sql over_span
SELECT count(*) AS n FROM t WHERE quarter BETWEEN $span_from AND $span_to
\`\`\`
`;

describe('running a notebook against DuckDB-WASM', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
    await db.exec(`CREATE TABLE t AS SELECT * FROM (VALUES
      ('2025Q1','cmb',1.0),('2025Q1','icbc',5.0),('2025Q2','cmb',7.0),('2025Q2','icbc',2.0),('2025Q2','pingan',3.0)) v(quarter, bank, v)`);
  });
  afterAll(() => db.close());

  it('resolves options and defaults, runs cells in order, and references earlier cells by name', async () => {
    const nb = await resolveInputs(parseNotebook(PAGE, 'pages/t.md', 't'), db);
    const defaults = defaultValues(nb);
    expect(defaults).toEqual({ quarter: '2025Q2', banks: ['cmb', 'icbc', 'pingan'], span: ['2025Q1', '2025Q2'] });
    const r = await runCells(nb, db, defaults);
    expect(r.per_bank!.rows).toEqual([
      { bank: 'cmb', total: 7 },
      { bank: 'icbc', total: 2 },
      { bank: 'pingan', total: 3 },
    ]);
    expect(r.top!.rows).toEqual([{ bank: 'cmb' }]);
    expect(r.over_span!.rows).toEqual([{ n: 5 }]);

    const other = await runCells(nb, db, { ...defaults, quarter: '2025Q1', banks: ['icbc'], span: ['2025Q2', '2025Q2'] });
    expect(other.per_bank!.rows).toEqual([{ bank: 'icbc', total: 5 }]);
    expect(other.top!.rows).toEqual([{ bank: 'icbc' }]);
    expect(other.over_span!.rows).toEqual([{ n: 3 }]);
  });

  it('reads back only the rows the page shows; intermediates stay in DuckDB', async () => {
    const page = `${PAGE.replace('sql per_bank display', 'sql per_bank')}\n\n\`\`\`chart c\ntype: table\ndata: top\nmethod: {over_span.n}\n\`\`\``;
    const nb = await resolveInputs(parseNotebook(page, 'pages/t.md', 't'), db);
    const r = await runCells(nb, db, defaultValues(nb));
    expect(Object.keys(r).sort()).toEqual(['over_span', 'top']);
    expect(r.top!.rows).toEqual([{ bank: 'cmb' }]);
  });

  it('re-runs only what an input change invalidates, downstream included', async () => {
    const nb = parseNotebook(PAGE, 'pages/t.md', 't');
    expect([...invalidatedCells(nb, ['quarter'])]).toEqual(['per_bank', 'top']);
    expect([...invalidatedCells(nb, ['span'])]).toEqual(['over_span']);
  });

  it('keeps URL state to valid options only', async () => {
    const nb = await resolveInputs(parseNotebook(PAGE, 'pages/t.md', 't'), db);
    const defaults = defaultValues(nb);
    const values = { ...defaults, quarter: '2025Q1', banks: ['cmb', 'pingan'] };
    const query = valuesToQuery(nb, values, defaults);
    expect(query).toBe('quarter=2025Q1&banks=cmb%2Cpingan');
    expect(valuesFromQuery(nb, new URLSearchParams(query), defaults)).toEqual(values);
    const hostile = valuesFromQuery(nb, new URLSearchParams("quarter=x' OR 1=1 --&banks=evil"), defaults);
    expect(hostile).toEqual(defaults);
  });

  it('names what a URL asked that the options lack, and says it in both languages', async () => {
    const nb = await resolveInputs(parseNotebook(PAGE, 'pages/t.md', 't'), db);
    const defaults = defaultValues(nb);
    const query = new URLSearchParams('quarter=2099Q1&banks=cmb,nosuch&span=1999Q1,2025Q2');
    const unknown = unknownInQuery(nb, query);
    expect(unknown.map((u) => [u.input.name, u.asked])).toEqual([
      ['quarter', ['2099Q1']],
      ['banks', ['nosuch']],
      ['span', ['1999Q1']],
    ]);
    const shown = valuesFromQuery(nb, query, defaults);
    expect(shown.banks).toEqual(['cmb']);
    expect(linkNotice(unknown.slice(0, 1), shown, 'en')).toBe(`quarter: the link asked for 2099Q1, which the data do not hold; showing ${String(shown.quarter)}.`);
    expect(linkNotice(unknown.slice(0, 1), shown, 'zh')).toBe(`quarter：链接要求的 2099Q1 不在数据中；现显示 ${String(shown.quarter)}。`);
    // A valid link, and a search box (any text is a search), ask nothing the data lack.
    expect(unknownInQuery(nb, new URLSearchParams(valuesToQuery(nb, { ...defaults, quarter: '2025Q1' }, defaults)))).toEqual([]);
  });

  it('binds a search box as a parameter: any text is kept (trimmed, capped), never spliced into SQL', async () => {
    await db.exec(`CREATE OR REPLACE TABLE notes AS SELECT * FROM (VALUES ('cmb', 'The app keeps crashing'), ('icbc', '排队等了很久'), ('cmb', 'Queue too long')) v(bank, comment)`);
    const page = '```input q\ntype: search\nlabel_en: Search\nplaceholder_en: words in the comment\n```\n\n```sql hits display\nSELECT comment FROM notes WHERE text_matches(comment, $q) ORDER BY comment\n```';
    const nb = await resolveInputs(parseNotebook(page, 'pages/s.md', 's'), db);
    await installMethods(db);
    const defaults = defaultValues(nb);
    expect(defaults).toEqual({ q: '' });
    expect((nb.blocks[0] as InputCell).placeholder).toEqual({ en: 'words in the comment' });
    expect((await runCells(nb, db, defaults)).hits!.rows).toHaveLength(3);
    const hostile = valuesFromQuery(nb, new URLSearchParams(`q=${encodeURIComponent("  queue'); DROP TABLE notes; --  ")}`), defaults);
    expect(hostile).toEqual({ q: "queue'); DROP TABLE notes; --" });
    expect((await runCells(nb, db, hostile)).hits!.rows).toEqual([]);
    expect((await runCells(nb, db, { q: 'QUEUE' })).hits!.rows).toEqual([{ comment: 'Queue too long' }]);
    expect((await runCells(nb, db, { q: '排队' })).hits!.rows).toEqual([{ comment: '排队等了很久' }]);
    expect(valuesToQuery(nb, { q: 'app crash' }, defaults)).toBe('q=app+crash');
    expect(valuesFromQuery(nb, new URLSearchParams(`q=${'x'.repeat(500)}`), defaults).q).toHaveLength(SEARCH_MAX_LENGTH);
    expect(printState(inputCells(nb), { q: 'app' }, 'zh')).toBe('Search：“app”');
    expect(printState(inputCells(nb), { q: 'app' }, 'en')).toBe('Search: “app”');
    expect(() => parseNotebook('```input q\ntype: search\noptions: [a]\n```', 'pages/s.md', 's')).toThrow('pages/s.md:1: input "q": a search input takes no options');
  });

  it('fails with the page path, the page line of the SQL and DuckDB\'s own message', async () => {
    const page = 'Intro\n\n```sql ok\nSELECT 1 AS x\n```\n\n```sql broken\nSELECT x\nFROM no_such_table\n```\n';
    const nb = parseNotebook(page, 'pages/broken.md', 'broken');
    await expect(runCells(nb, db, {})).rejects.toThrow(/^pages\/broken\.md:9: sql cell "broken": Catalog Error: Table with name no_such_table does not exist/);
    const col = parseNotebook('```sql c\nSELECT nope FROM t\n```', 'pages/c.md', 'c');
    await expect(runCells(col, db, {})).rejects.toThrow(/^pages\/c\.md:2: sql cell "c": Binder Error: Referenced column "nope" not found/);
  });

  it('rejects a default that is not among the options', async () => {
    const nb = parseNotebook('\n```input q\noptions: [a, b]\ndefault: c\n```', 'pages/d.md', 'd');
    await expect(resolveInputs(nb, db)).rejects.toThrow('pages/d.md:2: input "q": default "c" is not among its options (a, b)');
  });

  it('runs a method cell on an earlier cell, stores its result as a table, and re-runs it alone on an option change', async () => {
    await db.exec(`CREATE OR REPLACE TABLE ratings AS SELECT 'r' || (i // 3) AS respondent, ['a','b','c'][i % 3 + 1] AS attribute,
      ((i * 7) % 10 + 1)::DOUBLE AS performance, 8.0 AS importance, ((i // 3) % 10 + 1)::DOUBLE AS outcome, 1.0 AS weight FROM range(300) t(i)`);
    const page = [
      '```input how\noptions: [stated, correlation]\n```',
      '```sql long\nSELECT * FROM ratings\n```',
      '```method fig\nmethod: ipa\ndata: long\nimportance: $how\nreplicates: 10\n```',
      '```sql top\nSELECT attribute, importance FROM fig ORDER BY attribute\n```',
      '```chart c\ntype: table\ndata: top\nmethod: x\n```',
    ].join('\n\n');
    const nb = await resolveInputs(parseNotebook(page, 'pages/m.md', 'm'), db);
    const first = await runCells(nb, db, { how: 'stated' });
    expect(first.top!.rows).toEqual([
      { attribute: 'a', importance: 8 },
      { attribute: 'b', importance: 8 },
      { attribute: 'c', importance: 8 },
    ]);
    const stale = invalidatedCells(nb, ['how']);
    expect([...stale]).toEqual(['fig', 'top']);
    const second = await runCells(nb, db, { how: 'correlation' }, stale, first);
    expect(Object.keys(second).sort()).toEqual(['fig', 'top']);
    expect(second.fig!.rows.every((r) => r.method === 'correlation')).toBe(true);
    expect(second.top!.rows.map((r) => r.importance)).not.toEqual([8, 8, 8]);
    // `long` stays in the results (an option change re-runs fig alone on it); data no later run reads do not.
    expect(first.long!.rows).toHaveLength(300);
    const fixed = await resolveInputs(parseNotebook(page.replace('importance: $how', 'importance: stated'), 'pages/m.md', 'm'), db);
    const once = await runCells(fixed, db, { how: 'stated' });
    expect(Object.keys(once).sort()).toEqual(['fig', 'top']);
    expect(once.top!.rows).toEqual(first.top!.rows);
  });

  it('with the engine on another thread, sends the SQL that does not wait on a method before the method runs: same results, errors in page order', async () => {
    await db.exec(`CREATE OR REPLACE TABLE ratings AS SELECT 'r' || (i // 3) AS respondent, ['a','b','c'][i % 3 + 1] AS attribute,
      ((i * 7) % 10 + 1)::DOUBLE AS performance, 8.0 AS importance, ((i // 3) % 10 + 1)::DOUBLE AS outcome, 1.0 AS weight FROM range(300) t(i)`);
    const page = (later: string, long = 'SELECT * FROM ratings WHERE $how IS NOT NULL') => [
      '```input how\noptions: [correlation, stated]\n```',
      `\`\`\`sql long\n${long}\n\`\`\``,
      '```method fig\nmethod: ipa\ndata: long\nimportance: $how\nreplicates: 10\n```',
      `\`\`\`sql later\n${later}\n\`\`\``,
      '```sql top\nSELECT f.attribute, f.importance, l.n FROM fig f, later l ORDER BY attribute\n```',
      '```chart c\ntype: table\ndata: top\nmethod: x\n```',
    ].join('\n\n');
    // The Node engine seen as the browser's: what was asked of it, in order.
    const asked: string[] = [];
    const elsewhere: Database = {
      runsElsewhere: true,
      query: (sql, params) => (asked.push(`query ${/(?:TABLE "?(\w+)|FROM (\w+))/.exec(sql)!.slice(1).find(Boolean)}`), db.query(sql, params)),
      exec: (sql) => (asked.push(sql), db.exec(sql)),
      insertArrowIPC: (name, ipc, append) => (asked.push(`insert ${name}`), db.insertArrowIPC(name, ipc, append)),
      close: () => db.close(),
    };
    const nb = await resolveInputs(parseNotebook(page('SELECT count(*) AS n FROM ratings WHERE $how IS NOT NULL'), 'pages/m.md', 'm'), db);
    const sequential = await runCells(nb, db, { how: 'correlation' });
    const overlapped = await runCells(nb, elsewhere, { how: 'correlation' });
    expect(overlapped.top!.rows).toEqual(sequential.top!.rows);
    expect(overlapped.top!.rows).toHaveLength(3);
    // `later` reaches the engine before the method's table does; `top`, which reads that table, after.
    expect(asked).toEqual(['query ratings', 'query later', 'DROP TABLE IF EXISTS "fig"', 'insert fig', 'query fig']);
    // A cell sent early that fails is reported at its turn, after the method before it has run.
    const broken = await resolveInputs(parseNotebook(page('SELECT nope FROM ratings WHERE $how IS NOT NULL'), 'pages/m.md', 'm'), db);
    await expect(runCells(broken, elsewhere, { how: 'correlation' })).rejects.toThrow(/pages\/m\.md:\d+: sql cell "later": .*nope/);
    // When the method fails too, its error comes first, as in page order.
    const both = await resolveInputs(parseNotebook(page('SELECT nope FROM ratings WHERE $how IS NOT NULL', 'SELECT respondent, attribute FROM ratings WHERE $how IS NOT NULL'), 'pages/m.md', 'm'), db);
    await expect(runCells(both, elsewhere, { how: 'correlation' })).rejects.toThrow(/method cell "fig"/);
  });

  it('names an unknown method with the page line', async () => {
    const nb = parseNotebook('```sql d\nSELECT 1 AS x\n```\n\n```method m\nmethod: nope\ndata: d\n```\n\n```chart c\ntype: table\ndata: m\nmethod: x\n```', 'pages/u.md', 'u');
    await expect(runCells(nb, db, {})).rejects.toThrow('pages/u.md:5: method cell "m": unknown method "nope"');
  });
});
