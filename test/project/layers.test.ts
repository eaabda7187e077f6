// The layers of README's "How it works": text below both notebook and charts, which meet only through charts/index.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every relative import of every module under `dir`, as [file, resolved target]. */
function imports(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue;
    const file = path.join(dir, f);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from '(\.[^']+)'/g)) {
      out.push([file, path.normalize(path.join(path.dirname(file), m[1]!))]);
    }
  }
  return out;
}

describe('module layers', () => {
  it('no chart module imports from the notebook', () => {
    expect(imports('src/charts').filter(([, t]) => t.startsWith('src/notebook/'))).toEqual([]);
  });

  it('the notebook reaches the charts through charts/index.ts only', () => {
    const charts = imports('src/notebook').filter(([, t]) => t.startsWith('src/charts/'));
    expect(charts.length).toBeGreaterThan(0);
    expect(charts.filter(([, t]) => t !== 'src/charts/index.ts')).toEqual([]);
  });

  it('text (language, formatting, escaping) depends on neither', () => {
    expect(imports('src/text').filter(([, t]) => t.startsWith('src/notebook/') || t.startsWith('src/charts/'))).toEqual([]);
  });
});
