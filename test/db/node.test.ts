import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('reports DuckDB errors with its own message', async () => {
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toThrow(/Table with name no_such_table does not exist/);
  });
});
