import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkDataFolder, formatReport, type ContractProgress } from '../contract/index.ts';
import type { ContractResult } from '../contract/types.ts';
import { tableIPC, type TableFile } from '../db/load.ts';

export interface PreparedData {
  /** The contract's report of the files read (not the checked values, which are freed once written). */
  files: ContractResult['files'];
  /** Folder holding the table files: the build's own (pages publish column slices of them). */
  tablesDir: string;
  tables: TableFile[];
  buildInfoFile: string;
}

export class DataError extends Error {}

/**
 * Rows per table file. DuckDB-WASM copies each file into its 4 GB of memory before it appends the
 * rows, so a large table goes in parts (about 100 MB each for a 50-column survey), not in one copy
 * as large as the table.
 */
export const PART_ROWS = 250_000;

/**
 * Stage one of the build: check every CSV against the contract and write each checked table as an
 * Arrow IPC file, which the build's engine loads and cuts the browser's column slices from
 * (db/slices.ts). The files never leave the build, so they are not compressed: gzip at level 9 took
 * a third of a 200k-respondent build. Stops on any data error.
 */
export async function prepareData(
  dataDir: string,
  workDir: string,
  log: (line: string) => void,
  onProgress?: (p: ContractProgress) => void,
  partRows: number = PART_ROWS,
): Promise<PreparedData> {
  const contract = await checkDataFolder(dataDir, onProgress ? { onProgress } : {});
  log(formatReport(contract));
  if (!contract.ok) throw new DataError(`the data in ${dataDir} break the contract (see above); nothing was built`);

  const tablesDir = path.join(workDir, 'tables');
  fs.rmSync(tablesDir, { recursive: true, force: true });
  fs.mkdirSync(tablesDir, { recursive: true });
  const tables: TableFile[] = contract.tables.flatMap((t) => {
    const parts: TableFile[] = [];
    // An empty table still gets one file: its columns and types.
    const count = Math.max(1, Math.ceil(t.rowCount / partRows));
    for (let part = 0; part < count; part++) {
      const start = part * partRows;
      const end = Math.min(t.rowCount, start + partRows);
      const ipc = tableIPC(t, start, end);
      const hash = crypto.createHash('sha256').update(ipc).digest('hex').slice(0, 12);
      const file = `${t.name}-${hash}.arrow`;
      fs.writeFileSync(path.join(tablesDir, file), ipc);
      parts.push({ name: t.name, file, rows: end - start, bytes: ipc.length });
    }
    return parts;
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
  return { files: contract.files, tablesDir, tables, buildInfoFile };
}
