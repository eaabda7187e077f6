import fs from 'node:fs';
import path from 'node:path';
import { PageEngine, loadNotebook } from '../src/site/engine.ts';
import { resolveInputs, runCells } from '../src/notebook/run.ts';
import { defaultValues } from '../src/notebook/inputs.ts';

const work = process.argv[2]!;
const info = JSON.parse(fs.readFileSync(path.join(work, 'build-info.json'), 'utf8'));
const engine = new PageEngine(path.join(work, 'tables'), info.tables, info.files);
let t = performance.now();
const db = await engine.db();
const mem = async () => {
  const r = await db.query(`SELECT tag, round(memory_usage_bytes / 2^20) AS mib FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC`);
  return r.rows.map((x) => `${x.tag}=${x.mib}`).join(' ');
};
console.log('loaded in', ((performance.now() - t) / 1000).toFixed(0), 's;', await mem());
console.log((await db.query(`SELECT current_setting('memory_limit') AS l`)).rows[0]);
for (const page of process.argv.slice(3)) {
  const nb = await resolveInputs(loadNotebook(page, 'x'), db);
  const q = db.query.bind(db);
  (db as any).query = async (sql: string, params?: unknown[]) => {
    const s = performance.now();
    const r = await q(sql, params as any);
    if (!sql.includes('duckdb_memory')) console.log(`  ${((performance.now() - s) / 1000).toFixed(1)} s ${String(r.rows.length).padStart(8)} rows  ${sql.slice(0, 60).replace(/\s+/g, ' ')}  | ${await mem()}`);
    return r;
  };
  t = performance.now();
  await runCells(nb, db, defaultValues(nb));
  (db as any).query = q;
  console.log(page, 'ran in', ((performance.now() - t) / 1000).toFixed(0), 's');
}
await engine.close();
