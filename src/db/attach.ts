import { quoteIdent } from '../notebook/sql.ts';
import type { Database } from './types.ts';

/** The schema name under which the report's data file is attached, on both sides. */
export const REPORT_DB = 'report';

/**
 * Attaches the report's DuckDB file read-only and makes it the default catalog, so page SQL names
 * tables plainly (`survey`). Cells' temporary tables and the methods' temporary macros live in the
 * temp catalog, which is searched first.
 */
export async function attachReport(db: Database, fileName: string): Promise<void> {
  await db.exec(`ATTACH '${fileName.replaceAll("'", "''")}' AS ${quoteIdent(REPORT_DB)} (READ_ONLY)`);
  await db.exec(`USE ${quoteIdent(REPORT_DB)}`);
}

/** Names of the data tables available to pages. */
export async function tableNames(db: Database): Promise<string[]> {
  const r = await db.query(`SELECT table_name FROM duckdb_tables() WHERE database_name = '${REPORT_DB}' ORDER BY 1`);
  return r.rows.map((row) => String(row.table_name));
}
