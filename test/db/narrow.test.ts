/**
 * Narrow column slices (db/narrow.ts, widened back by loadTables): a column travels as a dictionary
 * or a small integer only when that holds every value exactly, and DuckDB-WASM ends up with the same
 * types and values as from the plain table.
 */
import zlib from 'node:zlib';
import { DataType, tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue, CheckedTable, ColumnType } from '../../src/contract/types.ts';
import { contractTypes, loadTables, tableIPC } from '../../src/db/load.ts';
import { narrowTable } from '../../src/db/narrow.ts';
import { NodeDatabase } from '../../src/db/node.ts';
import { compressedParts } from '../../src/db/slices.ts';

const ROWS = 1000;
const column = (f: (i: number) => CellValue) => Array.from({ length: ROWS }, (_, i) => f(i));

/** Each column name says what it holds; the test below says what it travels as. */
const COLUMNS: [string, ColumnType, CellValue[]][] = [
  ['likert', 'DOUBLE', column((i) => (i % 7 === 0 ? null : i % 11))],
  ['wide', 'DOUBLE', column((i) => (i === 3 ? 128 : i === 4 ? -200 : i % 5))],
  ['large', 'DOUBLE', column((i) => (i === 5 ? 100_000 : i))],
  ['fraction', 'DOUBLE', column((i) => (i === 999 ? 2.5 : i % 3))],
  ['negative_zero', 'DOUBLE', column((i) => (i === 10 ? -0 : 1))],
  ['beyond_int32', 'DOUBLE', column((i) => (i === 0 ? 2 ** 31 : 0))],
  ['empty', 'DOUBLE', column(() => null)],
  ['count', 'INTEGER', column((i) => (i % 13 === 0 ? null : i % 100))],
  ['big_count', 'INTEGER', column((i) => i * 100)],
  ['quarter', 'VARCHAR', column((i) => (i % 9 === 0 ? null : ['2025Q1', '2025Q2', '2025Q3'][i % 3]!))],
  ['branch', 'VARCHAR', column((i) => `branch ${i % 200}`)],
  ['respondent_id', 'VARCHAR', column((i) => `R${i}`)],
  ['promoter', 'BOOLEAN', column((i) => (i % 4 === 0 ? null : i % 2 === 0))],
];

const checked: CheckedTable = {
  name: 'survey',
  columns: COLUMNS.map(([name, type]) => ({ name, type })),
  values: Object.fromEntries(COLUMNS.map(([name, , values]) => [name, values])),
  rowCount: ROWS,
  files: [],
};

/** The prepared table as the build reads it: two record batches, as from two part files. */
function prepared(): Table {
  const first = tableFromIPC(tableIPC(checked, 0, 600));
  return first.concat(tableFromIPC(tableIPC(checked, 600)));
}

const typeOf = (table: Table, name: string) => table.schema.fields.find((f) => f.name === name)!.type;

describe('narrow column slices', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
  });
  afterAll(async () => db.close());

  it('narrows only what a smaller type holds exactly', () => {
    const narrow = narrowTable(prepared());
    expect(narrow.schema.fields.map((f) => f.name)).toEqual(COLUMNS.map(([name]) => name));
    const kinds = Object.fromEntries(narrow.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(kinds).toEqual({
      likert: 'Int8',
      wide: 'Int16',
      large: 'Int32',
      fraction: 'Float64',
      negative_zero: 'Float64',
      beyond_int32: 'Float64',
      empty: 'Float64',
      count: 'Int8',
      big_count: 'Int32',
      quarter: 'Dictionary<Int8, Utf8>',
      branch: 'Dictionary<Int16, Utf8>',
      respondent_id: 'Utf8',
      promoter: 'Bool',
    });
    const quarter = typeOf(narrow, 'quarter');
    expect(DataType.isDictionary(quarter) && quarter.dictionary).toBeTruthy();
    // Every column names the type it is loaded as; the build's own tables name none.
    expect(contractTypes(tableToIPC(narrow, 'stream'))).toEqual(COLUMNS.map(([name, type]) => [name, type]));
    expect(contractTypes(tableToIPC(prepared(), 'stream'))).toBeNull();
  });

  it('writes the same bytes for the same table', () => {
    expect(Buffer.from(tableToIPC(narrowTable(prepared()), 'stream')).equals(Buffer.from(tableToIPC(narrowTable(prepared()), 'stream')))).toBe(true);
  });

  it('loads back, in parts, into exactly the plain table: types, values, nulls and -0', async () => {
    // Parts cut after narrowing, small enough that the table comes in several.
    const parts = compressedParts(narrowTable(prepared()), 3000);
    expect(parts.length).toBeGreaterThan(2);
    const schemas = parts.map(({ gz }) => JSON.stringify(tableFromIPC(zlib.gunzipSync(gz)).schema.fields.map((f) => [f.name, String(f.type), [...f.metadata]])));
    expect(new Set(schemas).size).toBe(1);
    await loadTables(db, [
      ...parts.map(({ gz }) => ({ name: 'narrow', ipc: zlib.gunzipSync(gz) })),
      { name: 'plain', ipc: tableToIPC(prepared(), 'stream') },
    ]);
    const types = async (t: string) =>
      (await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`)).rows;
    expect(await types('narrow')).toEqual(await types('plain'));
    expect((await types('plain')).map((r) => r.data_type)).toEqual(COLUMNS.map(([, type]) => type));
    const narrow = await db.query('SELECT * FROM narrow');
    const plain = await db.query('SELECT * FROM plain');
    expect(narrow.columns).toEqual(plain.columns);
    expect(narrow.rows).toEqual(plain.rows);
    expect(narrow.rows.length).toBe(ROWS);
    expect(Object.is(narrow.rows[10]!.negative_zero, -0)).toBe(true);
    expect(narrow.rows.filter((r) => r.quarter === null).length).toBe(Math.ceil(ROWS / 9));
    expect(narrow.rows.filter((r) => r.likert === null).length).toBe(Math.ceil(ROWS / 7));
    // A query reads the same from both: text compares as text, scores average as doubles.
    const summary = 'SELECT quarter, avg(likert) AS a, sum(count) AS s, typeof(any_value(count)) AS t FROM {t} GROUP BY ALL ORDER BY quarter NULLS FIRST';
    expect((await db.query(summary.replace('{t}', 'narrow'))).rows).toEqual((await db.query(summary.replace('{t}', 'plain'))).rows);
  });
});
