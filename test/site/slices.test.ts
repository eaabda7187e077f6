/**
 * Column slices (issue 14, point 2): each page's browser engine loads only the columns of the data
 * tables its SQL reads, cut into parts under the per-file limit. Checked the way the reader meets it:
 * a fresh DuckDB-WASM holding only a page's slices must give every cell the same rows as the build's
 * engine holding the whole tables, for the default state and a state one input away per select.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareData } from '../../src/build/prepare.ts';
import { loadTables } from '../../src/db/load.ts';
import { NodeDatabase } from '../../src/db/node.ts';
import { installMethods } from '../../src/methods/loyalty.ts';
import { inputCells } from '../../src/notebook/inputs.ts';
import { dropCellTables, runCells } from '../../src/notebook/run.ts';
import type { InputValues } from '../../src/notebook/types.ts';
import { generateSampleData } from '../../src/sample/index.ts';
import { buildPage, loadNotebook, PageEngine, unsupportedBecause, type PageModel } from '../../src/site/engine.ts';

const PAGES = path.resolve('pages');
// Small enough that the sample's survey slices come in several parts.
const MAX_BYTES = 16 * 1024;
// The build's own table files in parts too (1,800 survey rows): slices are cut from all of them.
const PART_ROWS = 1000;
let root = '';
let sliceDir = '';
let engine: PageEngine;
const built = new Map<string, PageModel>();

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-slices-'));
  const data = path.join(root, 'data');
  generateSampleData({ outDir: data, respondents: 120, quarters: 5, servqualCustomers: 30, servqualManagers: 6 });
  const prepared = await prepareData(data, path.join(root, 'work'), () => {}, undefined, PART_ROWS);
  sliceDir = path.join(root, 'site-data');
  engine = new PageEngine(prepared.tablesDir, prepared.tables, prepared.files, sliceDir, MAX_BYTES);
  for (const f of fs.readdirSync(PAGES).filter((f) => f.endsWith('.md')).sort()) {
    const nb = loadNotebook(path.join(PAGES, f), f.replace(/\.md$/, ''));
    if (!(await unsupportedBecause(nb, engine))) built.set(nb.slug, await buildPage(nb, engine));
  }
}, 300_000);

afterAll(async () => {
  await engine?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const sliceSchema = (page: PageModel, table: string) => {
  const part = page.tables.find((t) => t.name === table)!;
  return tableFromIPC(zlib.gunzipSync(fs.readFileSync(path.join(sliceDir, part.file)))).schema;
};
const sliceColumns = (page: PageModel, table: string): string[] => sliceSchema(page, table).fields.map((f) => f.name);

/** The types of the given tables' columns as DuckDB reports them, `table.column` → type. */
async function columnTypes(db: NodeDatabase, tables: Iterable<string>): Promise<Map<string, string>> {
  const names = [...new Set(tables)];
  const r = await db.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_name IN (${names.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY table_name, ordinal_position`,
    names,
  );
  return new Map(r.rows.map((row) => [`${row.table_name}.${row.column_name}`, String(row.data_type)]));
}

/** The default state, and per select input the state with its last option (another bank, the earliest quarter, …). */
function nearbyStates(page: PageModel): InputValues[] {
  const states: InputValues[] = [page.defaults];
  for (const input of inputCells(page.notebook)) {
    const other = input.type === 'select' ? input.options?.at(-1)?.value : undefined;
    if (other !== undefined && other !== page.defaults[input.name]) states.push({ ...page.defaults, [input.name]: other });
  }
  return states;
}

describe('pages ship only the columns they read, in parts under the file limit', () => {
  it('built every page of the sample', () => {
    expect([...built.keys()].length).toBeGreaterThanOrEqual(10);
  });

  it('no shipped file exceeds the limit, and the large survey slices come in parts', () => {
    const files = fs.readdirSync(sliceDir);
    for (const f of files) expect(fs.statSync(path.join(sliceDir, f)).size, f).toBeLessThanOrEqual(MAX_BYTES);
    const overview = built.get('overview')!;
    expect(overview.tables.filter((t) => t.name === 'survey').length).toBeGreaterThan(1);
    const rows = overview.tables.filter((t) => t.name === 'survey').reduce((s, t) => s + t.rows, 0);
    const prepared = engine.tables.filter((t) => t.name === 'survey');
    expect(prepared.length).toBeGreaterThan(1);
    expect(rows).toBe(prepared.reduce((s, t) => s + t.rows, 0));
  });

  it('the comment text travels only to pages that read it', () => {
    expect(sliceColumns(built.get('voices')!, 'survey')).toContain('comment');
    const ipa = sliceColumns(built.get('ipa')!, 'survey');
    expect(ipa).not.toContain('comment');
    expect(ipa).toContain('quarter');
    expect(ipa.length).toBeLessThan(engine.tables.length + 100);
  });

  it('low-cardinality text travels as a dictionary and whole-number scores as small integers, in every part alike', () => {
    for (const slug of ['ipa', 'overview']) {
      const types = Object.fromEntries(sliceSchema(built.get(slug)!, 'survey').fields.map((f) => [f.name, String(f.type)]));
      expect(types.quarter, slug).toMatch(/^Dictionary<Int8, Utf8>$/);
      expect(types.respondent_id ?? 'Utf8', slug).toBe('Utf8');
    }
    const ipa = Object.fromEntries(sliceSchema(built.get('ipa')!, 'survey').fields.map((f) => [f.name, String(f.type)]));
    expect(Object.entries(ipa).filter(([name, type]) => /^(perf|imp)_/.test(name) && type === 'Int8').length).toBeGreaterThan(10);
    for (const page of built.values()) {
      for (const name of new Set(page.tables.map((t) => t.name))) {
        const parts = page.tables.filter((t) => t.name === name).map((t) => JSON.stringify(tableFromIPC(zlib.gunzipSync(fs.readFileSync(path.join(sliceDir, t.file)))).schema.fields.map((f) => [f.name, String(f.type), [...f.metadata]])));
        expect(new Set(parts).size, `${page.notebook.slug} ${name}`).toBe(1);
      }
    }
  });

  it('a fresh engine holding only a page\'s slices has the build\'s column types and gives every cell the build\'s rows, in a state one select away for each select', async () => {
    const full = await engine.db();
    let compared = 0;
    for (const [slug, page] of built) {
      const db = await NodeDatabase.open();
      try {
        await installMethods(db);
        await loadTables(db, page.tables.map((t) => ({ name: t.name, ipc: zlib.gunzipSync(fs.readFileSync(path.join(sliceDir, t.file))) })));
        const sliced = await columnTypes(db, page.tables.map((t) => t.name));
        const whole = await columnTypes(full, page.tables.map((t) => t.name));
        expect(sliced.size, slug).toBeGreaterThan(0);
        expect([...sliced], slug).toEqual([...sliced.keys()].map((column) => [column, whole.get(column)]));
        for (const state of nearbyStates(page)) {
          const expected = await runCells(page.notebook, full, state);
          await dropCellTables(page.notebook, full);
          const actual = await runCells(page.notebook, db, state);
          await dropCellTables(page.notebook, db);
          expect(JSON.stringify(actual), `${slug} ${JSON.stringify(state)}`).toBe(JSON.stringify(expected));
          compared++;
        }
      } finally {
        await db.close();
      }
    }
    expect(compared).toBeGreaterThan(built.size);
  }, 600_000);
});
