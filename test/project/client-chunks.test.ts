// The first paint and the renderer of precomputed states must load no engine: nothing they import,
// however indirectly, reaches DuckDB-WASM or the Arrow loader (they come with runtime.ts only).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module a module imports statically, however indirectly: project files and package names. */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith('src/')) return;
    // Static imports only (`import type` is erased; a dynamic import() is a separate chunk).
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/^(?:import|export) (?!type )[^'"]*?from '([^']+)'/gm)) {
      const spec = m[1]!;
      walk(spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)) : spec);
    }
  };
  walk(entry);
  return seen;
}

const ENGINE = (m: string) => m.startsWith('@duckdb/') || m === 'apache-arrow' || m.startsWith('src/db/browser') || m.startsWith('src/db/load');

describe('client chunks', () => {
  it('the renderer of precomputed states and the first-paint script import no engine', () => {
    for (const entry of ['src/site/client/renderer.ts', 'src/site/client/notebook.ts']) {
      expect([...staticImports(entry)].filter(ENGINE), entry).toEqual([]);
    }
    // The walk does reach the chart code the renderer draws with.
    expect(staticImports('src/site/client/renderer.ts').has('src/charts/render.ts')).toBe(true);
  });

  it('the engine does reach DuckDB (so the check above can fail)', () => {
    expect([...staticImports('src/site/client/runtime.ts')].filter(ENGINE).length).toBeGreaterThan(0);
  });
});
