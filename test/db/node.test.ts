import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnOf } from '../../src/db/columns.ts';
import { resultIPC } from '../../src/db/load.ts';
import { NodeDatabase } from '../../src/db/node.ts';

describe('NodeDatabase (DuckDB-WASM, Node build)', () => {
  let db: NodeDatabase;
  beforeAll(async () => {
    db = await NodeDatabase.open();
  });
  afterAll(async () => db.close());

  it('binds parameters instead of splicing them', async () => {
    const hostile = "x'; DROP TABLE t; --";
    const r = await db.query('SELECT $1 AS v, $2 + 1 AS n', [hostile, 41]);
    expect(r.rows).toEqual([{ v: hostile, n: 42 }]);
  });

  it('has extension auto-loading and auto-install switched off', async () => {
    const r = await db.query(
      "SELECT current_setting('autoload_known_extensions') AS l, current_setting('autoinstall_known_extensions') AS i",
    );
    expect(r.rows[0]).toEqual({ l: false, i: false });
    await expect(db.query("SELECT json('{}')")).rejects.toThrow(/json extension/);
  });

  it('reads result rows as plain keys: a column named __proto__ or constructor is a value, a missing one is undefined', async () => {
    const r = await db.query('SELECT i AS "__proto__", i * 2 AS "constructor", NULL AS toString FROM range(3) t(i)');
    expect(r.rows.map((row) => [row.__proto__, row.constructor, row.toString])).toEqual([[0, 0, null], [1, 2, null], [2, 4, null]]);
    for (const row of r.rows) {
      expect(Object.getPrototypeOf(row)).toBeNull();
      expect(Object.keys(row)).toEqual(['__proto__', 'constructor', 'toString']);
      expect((row as Record<string, unknown>).hasOwnProperty).toBeUndefined();
    }
  });

  it('a result streamed in several batches arrives whole and in order; an empty one keeps its columns', async () => {
    const r = await db.query('SELECT i::INTEGER AS i, i * 0.5 AS half, i::VARCHAR AS s FROM range(5000) t(i) ORDER BY i');
    expect(r.rows).toHaveLength(5000);
    expect([r.rows[0], r.rows[2048], r.rows[4999]]).toEqual([{ i: 0, half: 0, s: '0' }, { i: 2048, half: 1024, s: '2048' }, { i: 4999, half: 2499.5, s: '4999' }]);
    expect(r.rows.every((row, k) => row.i === k)).toBe(true);
    const empty = await db.query('SELECT 1 AS a, \'x\' AS b WHERE false');
    expect(empty.rows).toEqual([]);
    expect(empty.columns.map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('reads text exactly over batches: ASCII and not, empty and null, a batch of each', async () => {
    // Rows 0–2999 are ASCII; from 3000 on, every third is Chinese or an emoji, some empty, some null.
    const r = await db.query(`
      SELECT i::INTEGER AS i,
             CASE WHEN i < 3000 THEN 'id-' || i
                  WHEN i % 3 = 0 THEN '银行' || i WHEN i % 3 = 1 THEN '😀' || i ELSE '' END AS s,
             CASE WHEN i % 7 = 0 THEN NULL ELSE 'c' || (i % 13) END AS code
      FROM range(5000) t(i) ORDER BY i`);
    const expected = (i: number) => ({
      i,
      s: i < 3000 ? `id-${i}` : i % 3 === 0 ? `银行${i}` : i % 3 === 1 ? `😀${i}` : '',
      code: i % 7 === 0 ? null : `c${i % 13}`,
    });
    expect(r.rows).toEqual(Array.from({ length: 5000 }, (_v, i) => expected(i)));
  });

  it('reads a result by column without building its rows; rows built later, or replaced, agree with the columns read', async () => {
    const sql = "SELECT i::INTEGER AS i, CASE WHEN i % 4 = 0 THEN NULL ELSE 'r' || i END AS s FROM range(3000) t(i) ORDER BY i";
    const r = await db.query(sql);
    const s = columnOf(r, 's');
    expect(s).toHaveLength(3000);
    expect([s[0], s[1], s[2999]]).toEqual([null, 'r1', 'r2999']);
    // An absent column reads as nulls, one per row.
    expect(columnOf(r, 'nope')).toEqual(new Array(3000).fill(null));
    // The rows, built on first read, say the same; the columns are then read off them.
    expect(r.rows.map((row) => row.s)).toEqual(s);
    expect(columnOf(r, 'i')).toEqual(r.rows.map((row) => row.i));
    expect(JSON.parse(JSON.stringify(r)).rows[5]).toEqual({ i: 5, s: 'r5' });
    const replaced = await db.query(sql);
    replaced.rows = replaced.rows.slice(0, 2);
    expect(columnOf(replaced, 'i')).toEqual([0, 1]);
    // A result made by hand (a method's) is read off its rows.
    expect(columnOf({ columns: [{ name: 'x', type: 'DOUBLE' }], rows: [{ x: 1 }, { x: null }] }, 'x')).toEqual([1, null]);
  });

  it('reports DuckDB errors with its own message', async () => {
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toThrow(/Table with name no_such_table does not exist/);
  });

  it('a method result that passes a query column through keeps its type, even when every value is null', async () => {
    const q = await db.query('SELECT 1.5::DOUBLE AS x, NULL::DOUBLE AS change, 2::INTEGER AS rank, true AS ok, \'a\' AS name WHERE false UNION ALL SELECT 2.5, NULL, 3, false, \'b\'');
    await db.insertArrowIPC('passed', resultIPC(q));
    const types = await db.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'passed' ORDER BY ordinal_position");
    expect(types.rows.map((r) => `${r.column_name} ${r.data_type}`)).toEqual(['x DOUBLE', 'change DOUBLE', 'rank INTEGER', 'ok BOOLEAN', 'name VARCHAR']);
    // Compared with a number, as a page does (change_prev > 0), rather than refused as text.
    expect((await db.query('SELECT count(*) AS n FROM passed WHERE change > 0 OR change IS NULL')).rows[0]!.n).toBe(1);
  });
});
