import * as duckdb from '@duckdb/duckdb-wasm';
// Served from the site itself (Vite copies them next to the bundle): no request leaves the origin.
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { arrowToResult } from './arrow.ts';
import { gunzipIfNeeded } from './transport.ts';
import { ENGINE_SETTINGS, type Database, type QueryResult, type SqlValue } from './types.ts';

/**
 * The engine's wasm: the build ships it gzip-compressed (`.wasm.gz`, under hosts' 25 MiB file limit);
 * the page decompresses it and hands the worker a same-origin blob URL. The dev server serves the
 * plain file, which is used when no `.gz` exists.
 */
async function engineModuleUrl(): Promise<string> {
  const response = await fetch(`${wasmUrl}.gz`);
  if (!response.ok) return wasmUrl;
  const compressed = new Uint8Array(await response.arrayBuffer());
  // Marks for `npm run bench` (what the decompression costs the engine's start); free otherwise.
  performance.mark('cx-wasm-fetched');
  const bytes = await gunzipIfNeeded(compressed);
  performance.mark('cx-wasm-gunzipped');
  return URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/wasm' }));
}

/** The browser side of {@link Database}: DuckDB-WASM's worker build, started lazily by the page. */
export class BrowserDatabase implements Database {
  readonly runsElsewhere = true;
  private readonly db: duckdb.AsyncDuckDB;
  private readonly conn: duckdb.AsyncDuckDBConnection;
  private readonly worker: Worker;

  private constructor(db: duckdb.AsyncDuckDB, conn: duckdb.AsyncDuckDBConnection, worker: Worker) {
    this.db = db;
    this.conn = conn;
    this.worker = worker;
  }

  static async open(): Promise<BrowserDatabase> {
    const worker = new Worker(workerUrl);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(await engineModuleUrl());
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true } });
    const conn = await db.connect();
    for (const s of ENGINE_SETTINGS) await conn.query(s);
    performance.mark('cx-engine-open');
    return new BrowserDatabase(db, conn, worker);
  }

  async insertArrowIPC(name: string, ipc: Uint8Array, append = false): Promise<void> {
    await this.conn.insertArrowFromIPCStream(ipc, { name, create: !append });
  }

  /**
   * A page's cells are prepared once and re-run with each state's values: DuckDB plans them once
   * (and re-binds by itself when a table they read was replaced), and a re-run is one message to the
   * worker, sent before `query` first awaits.
   */
  private readonly statements = new Map<string, duckdb.AsyncPreparedStatement>();

  async query(sql: string, params: SqlValue[] = []): Promise<QueryResult> {
    if (params.length === 0) return arrowToResult(await this.conn.query(sql));
    const prepared = this.statements.get(sql);
    if (prepared) return arrowToResult(await prepared.query(...params));
    const stmt = await this.conn.prepare(sql);
    let result: QueryResult;
    try {
      result = arrowToResult(await stmt.query(...params));
    } catch (e) {
      await stmt.close();
      throw e;
    }
    if (this.statements.has(sql)) await stmt.close();
    else this.statements.set(sql, stmt);
    return result;
  }

  async exec(sql: string): Promise<void> {
    await this.conn.query(sql);
  }

  async close(): Promise<void> {
    for (const stmt of this.statements.values()) await stmt.close();
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}
