import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFileSizes } from '../../src/build/publish.ts';

let dir = '';
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a staged site with a file over the per-file limit is not published', () => {
  it('names every file over the limit, with its size', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-sizes-'));
    fs.mkdirSync(path.join(dir, '_data'));
    fs.writeFileSync(path.join(dir, '_data', 'survey-abc.arrow.gz'), Buffer.alloc(3 * 1048576));
    fs.writeFileSync(path.join(dir, 'index.html'), 'x');
    expect(() => checkFileSizes(dir, 2 * 1048576)).toThrow('_data/survey-abc.arrow.gz is 3.0 MiB: over the 2 MiB per-file limit of static hosts');
  });

  it('returns the largest file when every file fits', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-sizes-'));
    fs.writeFileSync(path.join(dir, 'a'), Buffer.alloc(10));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'b', 'c'), Buffer.alloc(1000));
    expect(checkFileSizes(dir)).toBe(1000);
  });
});
