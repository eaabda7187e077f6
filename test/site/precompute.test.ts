import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDatabase } from '../../src/db/node.ts';
import { defaultValues } from '../../src/notebook/inputs.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { dropCellTables, resolveInputs, runCells } from '../../src/notebook/run.ts';
import { enumerateStates, stateCells, stateKey } from '../../src/notebook/states.ts';
import { precomputeStates } from '../../src/site/precompute.ts';
import { decodeStateFile, encodeStateFile } from '../../src/site/state-file.ts';

// A select, a multi-select and a range; a chain of cells (per_bank → top), a shown cell no input changes
// (quoted by a chart's title) and a method cell (Kish's n per bank) on an input-filtered cell.
const PAGE = `---
title: t
---
\`\`\`input quarter
options: SELECT DISTINCT quarter AS value FROM t ORDER BY 1 DESC
\`\`\`

\`\`\`input banks
type: multiselect
options: SELECT DISTINCT bank AS value FROM t ORDER BY 1
default: all
\`\`\`

\`\`\`input span
type: range
options: SELECT DISTINCT quarter AS value FROM t ORDER BY 1
\`\`\`

\`\`\`sql total
SELECT count(*) AS n FROM t
\`\`\`

\`\`\`sql per_bank
SELECT bank, sum(v) AS total, sum(v) / 3 AS third FROM t
WHERE quarter = $quarter AND list_contains($banks, bank)
GROUP BY bank ORDER BY bank
\`\`\`

\`\`\`sql top display
SELECT bank, total, third FROM per_bank ORDER BY total DESC LIMIT 1
\`\`\`

\`\`\`sql over_span
SELECT count(*) AS n FROM t WHERE quarter BETWEEN $span_from AND $span_to
\`\`\`

\`\`\`chart c
type: table
data: per_bank
title: of {total.n}
method: n = {over_span.n}
\`\`\`
`;

describe('precomputed input states', () => {
  let db: NodeDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await NodeDatabase.open();
    await db.exec(`CREATE TABLE t AS SELECT * FROM (VALUES
      ('2025Q1','cmb',1.0),('2025Q1','icbc',5.0),('2025Q2','cmb',7.0),('2025Q2','icbc',2.0),('2025Q2','pingan',3.0),('2025Q3','pingan',4.5)) v(quarter, bank, v)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-states-'));
  }, 60_000);
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes for every enumerated state the rows a fresh run of that state gives, for the cells the page shows', async () => {
    const nb = await resolveInputs(parseNotebook(PAGE, 'pages/t.md', 't'), db);
    const defaults = defaultValues(nb);
    const results = await runCells(nb, db, defaults);
    const progress: [number, number][] = [];
    const done = await precomputeStates(nb, db, defaults, results, dir, 0, (n, total) => progress.push([n, total]));
    await dropCellTables(nb, db);
    const states = enumerateStates(nb, defaults);
    // The build log's progress: one call per state, counting up to all of them.
    expect(progress).toEqual(states.map((_, i) => [i + 1, states.length]));
    // Run in the order that re-runs least (runOrder), so compared as sets.
    expect(Object.keys(done.files).sort()).toEqual(states.map((s) => stateKey(nb, s, defaults)).sort());
    expect(stateCells(nb)).toEqual(['total', 'per_bank', 'top', 'over_span']);
    // Identical states share a file (e.g. a span whose count does not change with no other change).
    expect(done.written).toBe(new Set(Object.values(done.files)).size);
    expect(fs.readdirSync(dir).length).toBe(done.written);
    for (const state of states) {
      const file = decodeStateFile(gunzipSync(fs.readFileSync(path.join(dir, done.files[stateKey(nb, state, defaults)]!))).toString('utf8'));
      const fresh = await runCells(nb, db, state);
      await dropCellTables(nb, db);
      expect(Object.keys(file)).toEqual(stateCells(nb));
      for (const cell of stateCells(nb)) expect({ ...file[cell], rows: file[cell]!.rows.map((r) => ({ ...r })) }, `${JSON.stringify(state)} ${cell}`).toEqual({ ...fresh[cell], rows: fresh[cell]!.rows.map((r) => ({ ...r })) });
    }
  }, 60_000);

  it('keeps every number exactly, NaN, infinities and -0 included, and rows without a prototype', () => {
    const values = [0.1 + 0.2, 1 / 3, -0, Number.NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE, 'text', '', null, true];
    const results = { c: { columns: values.map((_, i) => ({ name: `v${i}`, type: 'X' })).concat({ name: '__proto__', type: 'VARCHAR' }), rows: [Object.assign(Object.create(null), Object.fromEntries(values.map((v, i) => [`v${i}`, v])), { ['__proto__']: 'p' })] } };
    Object.defineProperty(results.c.rows[0], '__proto__', { value: 'p', enumerable: true });
    const back = decodeStateFile(encodeStateFile(results, ['c']));
    const row = back.c!.rows[0]!;
    values.forEach((v, i) => expect(Object.is(row[`v${i}`], v), `v${i}`).toBe(true));
    expect(Object.getPrototypeOf(row)).toBe(null);
    expect(row['__proto__']).toBe('p');
  });
});
