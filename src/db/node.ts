import { createRequire } from 'node:module';
import path from 'node:path';
import type * as DuckDBNode from '@duckdb/duckdb-wasm/dist/duckdb-node-blocking';
import { arrowToResult } from './arrow.ts';
import { ENGINE_SETTINGS, type Database, type QueryResult, type SqlValue } from './types.ts';

const require = createRequire(import.meta.url);
// The Node build of DuckDB-WASM ships as CommonJS only.
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as typeof DuckDBNode;
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

/** The Node side of {@link Database}: DuckDB-WASM's blocking Node build, same engine as the browser. */
export class NodeDatabase implements Database {
  private constructor(
    private readonly bindings: DuckDBNode.DuckDBBindings,
    private readonly conn: DuckDBNode.DuckDBConnection,
  ) {}

  static async open(): Promise<NodeDatabase> {
    const bindings = await duckdb.createDuckDB(
      {
        mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
        eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
      },
      new duckdb.VoidLogger(),
      duckdb.NODE_RUNTIME,
    );
    await bindings.instantiate();
    bindings.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
    const conn = bindings.connect();
    for (const s of ENGINE_SETTINGS) conn.query(s);
    return new NodeDatabase(bindings, conn);
  }

  async query(sql: string, params: SqlValue[] = []): Promise<QueryResult> {
    if (params.length === 0) return arrowToResult(this.conn.query(sql));
    const stmt = this.conn.prepare(sql);
    try {
      return arrowToResult(stmt.query(...params));
    } finally {
      stmt.close();
    }
  }

  async exec(sql: string): Promise<void> {
    this.conn.query(sql);
  }

  /** Insert an Arrow table (column-major data from the contract) as a new table. */
  insertArrow(table: import('apache-arrow').Table, name: string): void {
    this.conn.insertArrowTable(table, { name, create: true });
  }

  /** Writes every table of the in-memory database into a DuckDB file at `filePath` (Node file system). */
  async writeDatabaseFile(filePath: string): Promise<void> {
    const quoted = filePath.replaceAll("'", "''");
    this.conn.query(`ATTACH '${quoted}' AS export_target`);
    try {
      this.conn.query('COPY FROM DATABASE memory TO export_target');
    } finally {
      this.conn.query('DETACH export_target');
    }
  }

  async close(): Promise<void> {
    this.conn.close();
    this.bindings.reset();
  }
}
