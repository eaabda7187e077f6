import { describe, expect, it } from 'vitest';
import { FOLDERS, SINGLE_FILES } from '../../src/contract/files.ts';
import { TABLE_KINDS } from '../../src/contract/kinds.ts';
import { FILE_KINDS } from '../../src/contract/registry.ts';

describe('the file-kind registry', () => {
  it('holds every table kind once', () => {
    expect(FILE_KINDS.map((k) => k.kind).sort()).toEqual([...TABLE_KINDS].sort());
  });

  it('checks each kind after the kinds it refers to', () => {
    const seen = new Set<string>();
    for (const k of FILE_KINDS) {
      for (const dep of k.after) expect(seen.has(dep), `${k.kind} is checked before ${dep}, which it refers to`).toBe(true);
      seen.add(k.kind);
    }
  });

  it('gives each kind one file or one folder, and the discovery reads them from the registry', () => {
    for (const k of FILE_KINDS) {
      if ('file' in k) expect(SINGLE_FILES[k.file]).toBe(k.kind);
      else expect(FOLDERS[k.folder]).toBe(k.kind);
      expect(k.doc.length, k.kind).toBeGreaterThan(10);
    }
    expect(Object.keys(SINGLE_FILES).length + Object.keys(FOLDERS).length).toBe(FILE_KINDS.length);
    // Own keys only: names every object answers to are not kinds.
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(Object.hasOwn(SINGLE_FILES, name)).toBe(false);
      expect(Object.hasOwn(FOLDERS, name)).toBe(false);
    }
  });

  it('knows each kind\'s columns', () => {
    const survey = FILE_KINDS.find((k) => k.kind === 'survey')!;
    expect(survey.isColumn('nps')).toBe(true);
    expect(survey.isColumn('colour')).toBe(false);
    expect(FILE_KINDS.find((k) => k.kind === 'banks')!.isColumn('name_zh')).toBe(true);
  });
});
