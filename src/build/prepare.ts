import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkDataFolder, formatReport } from '../contract/index.ts';
import type { ContractResult } from '../contract/types.ts';
import { loadTables } from '../db/load.ts';
import { NodeDatabase } from '../db/node.ts';

export interface PreparedData {
  contract: ContractResult;
  /** The DuckDB file that both the build and the browser attach. */
  dbFile: string;
  /** Content-hashed name it is published under, so browsers may cache it forever. */
  dbName: string;
  buildInfoFile: string;
}

/**
 * Stage one of the build: check every CSV against the contract, load the typed tables into
 * DuckDB-WASM (Node build) and write them as one DuckDB database file. Stops on any data error.
 */
export async function prepareData(dataDir: string, workDir: string, log: (line: string) => void): Promise<PreparedData> {
  const contract = await checkDataFolder(dataDir, { onProgress: (m: string) => log(m) });
  log(formatReport(contract));
  if (!contract.ok) throw new DataError(`the data in ${dataDir} break the contract (see above); nothing was built`);

  fs.mkdirSync(workDir, { recursive: true });
  const dbFile = path.join(workDir, 'report.duckdb');
  fs.rmSync(dbFile, { force: true });
  fs.rmSync(`${dbFile}.wal`, { force: true });
  const db = await NodeDatabase.open();
  try {
    loadTables(db, contract.tables);
    await db.writeDatabaseFile(dbFile);
  } finally {
    await db.close();
  }
  const hash = crypto.createHash('sha256').update(fs.readFileSync(dbFile)).digest('hex').slice(0, 12);
  const buildInfoFile = path.join(workDir, 'build-info.json');
  const quarters = [...new Set(contract.tables.find((t) => t.name === 'survey')?.values.quarter ?? [])].map(String).sort();
  fs.writeFileSync(
    buildInfoFile,
    JSON.stringify({ dataDir, synthetic: fs.existsSync(path.join(dataDir, 'SAMPLE.md')), quarters, files: contract.files }, null, 2),
  );
  return { contract, dbFile, dbName: `report-${hash}.duckdb`, buildInfoFile };
}

export class DataError extends Error {}
