/**
 * What the data contract hands to the rest of the engine. `checkDataFolder` (src/contract/index.ts)
 * decodes, parses and validates every CSV of a data folder and returns typed, column-major tables
 * plus a per-file report; `src/db/load.ts` turns the tables into DuckDB tables. Nothing downstream
 * reads a CSV.
 */

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';
export type CellValue = string | number | boolean | null;

export interface TableColumn {
  name: string;
  type: ColumnType;
}

/** A validated table, column-major: `values[column.name]` has `rowCount` entries (null = missing). */
export interface CheckedTable {
  /**
   * DuckDB table name: banks, attributes, stages, tasks, channels, themes, survey, servqual,
   * servqual_items, servqual_provider, servqual_opinions, metrics, metric_defs.
   */
  name: string;
  columns: TableColumn[];
  values: Record<string, CellValue[]>;
  rowCount: number;
  /** Source files, relative to the data folder, with forward slashes (e.g. `survey/2025Q3.csv`). */
  files: string[];
}

export interface ContractIssue {
  severity: 'error' | 'warning';
  /** Path as the user typed it plus the relative part, e.g. `data/survey/2025Q3.csv`. */
  file: string;
  /** Physical line as a text editor counts it (header = 1); absent for file-level issues. */
  line?: number;
  column?: string;
  value?: string;
  /** The rule, plain and actionable. */
  message: string;
}

export interface FileReport {
  file: string;
  /** Which table the file feeds (banks, survey, …). */
  table: string;
  encoding: string; // e.g. 'utf-8', 'utf-8 (BOM)', 'gb18030', 'utf-16le (BOM)'
  delimiter: string; // ',', ';', '\t'
  lineEnding: 'CRLF' | 'LF' | 'CR' | 'none';
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number; // rowsRead === rowsLoaded + rowsRejected, always
  issues: ContractIssue[]; // capped per file; see issueCount
  /** All issues found in the file, including those beyond the cap. */
  errorCount: number;
  warningCount: number;
  /** A survey-platform export or workbook: read through a mapping (or recognised without one). */
  origin?: FileOrigin;
}

export interface FileOrigin {
  /** qualtrics | wjx | surveymonkey | plain */
  format: string;
  /** The mapping file as shown in messages (`data/survey/2026Q4.map.yml`); null when the file has none. */
  mapping: string | null;
  /** The worksheet read, for .xlsx files. */
  sheet?: string;
}

export interface ContractResult {
  /** True when no file has an error (warnings allowed). */
  ok: boolean;
  dataDir: string;
  tables: CheckedTable[];
  files: FileReport[];
  /** Issues that belong to no single file: a missing folder, files that are not part of the contract. */
  issues?: ContractIssue[];
  /** Per bank and quarter raked to weighting/ targets: how the raking went (absent without targets). */
  weighting?: WeightingReport[];
}

/** One bank and quarter's raking (src/methods/raking.ts) to the margins in weighting/. */
export interface WeightingReport {
  period: string;
  bank: string;
  /** The survey columns raked on. */
  variables: string[];
  respondents: number;
  iterations: number;
  converged: boolean;
  /** The raked weights' range (mean 1), Kish's design effect n·Σw²/(Σw)² and effective n. */
  min: number;
  max: number;
  designEffect: number;
  nEff: number;
  /** Respondents whose weight was trimmed to the cap. */
  trimmed: number;
}
