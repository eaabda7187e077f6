/** A value that can be bound to a SQL parameter or read back from a result cell. */
export type SqlValue = string | number | boolean | null;
export type Row = Record<string, SqlValue>;

/** A result set in plain JavaScript: column names in order, and rows as objects. */
export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Row[];
}

/**
 * The one database interface. `node.ts` (DuckDB-WASM's Node build, used at build time and in tests)
 * and `browser.ts` (the worker build) implement it; nothing else in the project knows which side it
 * runs on.
 */
export interface Database {
  /**
   * Whether queries run on another thread (the browser's worker). A run then sends SQL that does not
   * wait on a method cell before that method's JavaScript runs, so the two overlap; on one thread
   * (Node) sending early gains nothing and would hold two cells' rows at once.
   */
  readonly runsElsewhere: boolean;
  /** Run SQL with positional parameters `$1, $2, …` bound to `params` (never spliced into text). */
  query(sql: string, params?: SqlValue[]): Promise<QueryResult>;
  /** Run one or more statements that return nothing of interest (DDL, SET, macros). */
  exec(sql: string): Promise<void>;
  /**
   * Create table `name` from an Arrow IPC stream (how the report's tables travel, on both sides), or
   * with `append`, add the stream's rows to it (a table shipped in parts).
   */
  insertArrowIPC(name: string, ipc: Uint8Array, append?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Settings applied to every engine, on both sides: the site makes no request outside its origin. */
export const ENGINE_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];
