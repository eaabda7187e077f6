import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingOptionalEntries } from '../../scripts/fix-lockfile.mjs';

describe('package-lock.json', () => {
  it('records every optional dependency, so `npm ci` accepts it (run scripts/fix-lockfile.mjs after npm install)', () => {
    const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
    expect(missingOptionalEntries(lock.packages)).toEqual([]);
  });

  it('pins Node 24 for every npm script and declares engines', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
    expect(pkg.devDependencies.node).toMatch(/^\^?24\./);
    expect(pkg.engines.node).toBeDefined();
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
