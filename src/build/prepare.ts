import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { checkDataFolder, formatReport, type ContractProgress } from '../contract/index.ts';
import type { ContractResult } from '../contract/types.ts';
import { tableIPC, type TableFile } from '../db/load.ts';

export interface PreparedData {
  contract: ContractResult;
  /** Folder holding the table files, published as /_data/. */
  tablesDir: string;
  tables: TableFile[];
  buildInfoFile: string;
}

export class DataError extends Error {}

/**
 * Stage one of the build: check every CSV against the contract and write each checked table as a
 * gzip-compressed Arrow IPC file; both the build's engine and the browser's load exactly these files.
 * Stops on any data error.
 */
export async function prepareData(
  dataDir: string,
  workDir: string,
  log: (line: string) => void,
  onProgress?: (p: ContractProgress) => void,
): Promise<PreparedData> {
  const contract = await checkDataFolder(dataDir, onProgress ? { onProgress } : {});
  log(formatReport(contract));
  if (!contract.ok) throw new DataError(`the data in ${dataDir} break the contract (see above); nothing was built`);

  const tablesDir = path.join(workDir, 'tables');
  fs.rmSync(tablesDir, { recursive: true, force: true });
  fs.mkdirSync(tablesDir, { recursive: true });
  const tables: TableFile[] = contract.tables.map((t) => {
    // mtime 0 in the gzip header keeps the file (and its hashed name) identical for identical data.
    const gz = zlib.gzipSync(tableIPC(t), { level: 9 });
    const hash = crypto.createHash('sha256').update(gz).digest('hex').slice(0, 12);
    const file = `${t.name}-${hash}.arrow.gz`;
    fs.writeFileSync(path.join(tablesDir, file), gz);
    return { name: t.name, file, rows: t.rowCount, bytes: gz.length };
  });

  const buildInfoFile = path.join(workDir, 'build-info.json');
  const quarters = [...new Set(contract.tables.find((t) => t.name === 'survey')?.values.quarter ?? [])].map(String).sort();
  fs.writeFileSync(
    buildInfoFile,
    JSON.stringify(
      { dataDir, synthetic: fs.existsSync(path.join(dataDir, 'SAMPLE.md')), quarters, tables, files: contract.files, ...(contract.weighting ? { weighting: contract.weighting } : {}) },
      null,
      2,
    ),
  );
  return { contract, tablesDir, tables, buildInfoFile };
}
