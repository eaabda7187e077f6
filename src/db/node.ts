import { createRequire } from 'node:module';
import path from 'node:path';
import type * as DuckDBNode from '@duckdb/duckdb-wasm/blocking';
import { arrowToResult, type ArrowResult } from './arrow.ts';
import { ENGINE_SETTINGS, type Database, type QueryResult, type SqlValue } from './types.ts';

const ENTRY = '@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs';
/** Resolves from this module, or from the project root when a bundler moved this module elsewhere. */
function resolveEntry(): string {
  for (const base of [import.meta.url, path.join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(base).resolve(ENTRY);
    } catch {
      // try the next base
    }
  }
  throw new Error(`cannot find ${ENTRY}; run npm ci in the project folder`);
}
const entry = resolveEntry();
// The Node build of DuckDB-WASM ships as CommonJS only.
const duckdb = createRequire(entry)(entry) as typeof DuckDBNode;
const dist = path.dirname(entry);

/** A streamed result's batches, read to the end; its schema is read once the stream is open (an empty result has one too). */
function readAll(reader: { open(): unknown; schema: ArrowResult['schema']; [Symbol.iterator](): Iterator<ArrowResult['batches'][number]> }): ArrowResult {
  reader.open();
  const schema = reader.schema;
  return { schema, batches: [...reader] };
}

/** The Node side of {@link Database}: DuckDB-WASM's blocking Node build, same engine as the browser. */
export class NodeDatabase implements Database {
  readonly runsElsewhere = false;
  private readonly bindings: DuckDBNode.DuckDBBindings;
  private readonly conn: DuckDBNode.DuckDBConnection;

  private constructor(bindings: DuckDBNode.DuckDBBindings, conn: DuckDBNode.DuckDBConnection) {
    this.bindings = bindings;
    this.conn = conn;
  }

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

  /**
   * Results stream out of the engine batch by batch: a million-row result materialised whole inside
   * DuckDB-WASM's 4 GB (as `query` does) failed to allocate at 5M respondents.
   */
  async query(sql: string, params: SqlValue[] = []): Promise<QueryResult> {
    if (params.length === 0) return arrowToResult(readAll(await this.conn.send(sql, true)));
    const stmt = this.conn.prepare(sql);
    try {
      return arrowToResult(readAll(stmt.send(...params)));
    } finally {
      stmt.close();
    }
  }

  async exec(sql: string): Promise<void> {
    this.conn.query(sql);
  }

  /** IPC bytes, not an Arrow object: the Node build bundles its own copy of Arrow. */
  async insertArrowIPC(name: string, ipc: Uint8Array, append = false): Promise<void> {
    this.conn.insertArrowFromIPCStream(ipc, { name, create: !append });
  }

  async close(): Promise<void> {
    this.conn.close();
    this.bindings.reset();
  }
}
