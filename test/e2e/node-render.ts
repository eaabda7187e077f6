import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { loadTables } from '../../src/db/load.ts';
import { NodeDatabase } from '../../src/db/node.ts';
import { gunzipIfNeeded } from '../../src/db/transport.ts';
import { installMethods } from '../../src/methods/loyalty.ts';
import { chartParts } from '../../src/notebook/render.ts';
import { runCells } from '../../src/notebook/run.ts';
import type { ChartCell, InputValues } from '../../src/notebook/types.ts';
import type { PagePayload } from '../../src/site/client/runtime.ts';

/** The page's embedded notebook, exactly as the browser reads it. */
export function pagePayload(siteDir: string, pagePath: string): PagePayload {
  const html = fs.readFileSync(path.join(siteDir, pagePath, 'index.html'), 'utf8');
  const json = /<script type="application\/json" id="cx-notebook">(.*?)<\/script>/s.exec(html)![1]!;
  return JSON.parse(json) as PagePayload;
}

/** Renders a page's charts in Node for given inputs, from the built site's own table files. */
export async function renderChartsInNode(siteDir: string, payload: PagePayload, values: InputValues): Promise<Record<string, string>> {
  const db = await NodeDatabase.open();
  try {
    await installMethods(db);
    const tables = await Promise.all(
      payload.tables.map(async (t) => ({ name: t.name, ipc: await gunzipIfNeeded(fs.readFileSync(path.join(siteDir, new URL(t.url, 'http://x').pathname))) })),
    );
    await loadTables(db, tables);
    const results = await runCells(payload.notebook, db, values);
    const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
    const out: Record<string, string> = {};
    for (const block of payload.notebook.blocks) {
      if (block.kind === 'chart') out[block.name] = chartParts(payload.notebook, block as ChartCell, results, payload.locale, document).body;
    }
    return out;
  } finally {
    await db.close();
  }
}

/** Element ids and Plot's clip ids are the only things allowed to differ between two renders. */
export function normaliseSvg(svg: string): string {
  return svg.replace(/\b(id|clip-path)="[^"]*"/g, '$1=""').replace(/url\(#[^)]*\)/g, 'url(#)');
}
