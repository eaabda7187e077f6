// The README's chart reference is the chart types' own: `npm run docs` writes it, and this fails when they part.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartReference, REFERENCE_END, REFERENCE_START, withReference } from '../../src/charts/reference.ts';
import { CHART_TYPE_LIST } from '../../src/charts/registry.ts';
import { keysOf } from '../../src/charts/schema.ts';

const readme = fs.readFileSync('README.md', 'utf8');

describe("the README's chart reference", () => {
  it('is what the chart types generate (run `npm run docs` after changing one)', () => {
    expect(readme).toContain(REFERENCE_START);
    expect(readme).toContain(REFERENCE_END);
    expect(withReference(readme)).toBe(readme);
  });

  it('names every type and every option each type takes, with its default', () => {
    const reference = chartReference();
    for (const type of CHART_TYPE_LIST) {
      const section = reference.slice(reference.indexOf(`#### \`type: ${type.name}\``)).split('\n#### ')[0]!;
      expect(section, type.name).toContain(type.doc);
      for (const [key, option] of Object.entries(type.options)) {
        const row = section.split('\n').find((l) => l.startsWith(`| \`${key}\``));
        expect(row, `${type.name}.${key}`).toBeDefined();
        if ('default' in option && option.default !== undefined) expect(row).toContain(`| \`${typeof option.default === 'string' ? option.default : JSON.stringify(option.default).replace(/,/g, ', ')}\` |`);
        if (type.required.includes(key)) expect(row).toContain('(required)');
      }
      // Every key but the `<key>Label` headings is listed (the headings are described once, above the types).
      for (const key of keysOf(type).filter((k) => !k.endsWith('Label'))) expect(reference).toContain(`| \`${key}\``);
    }
  });

  it('a README that lost its markers is refused rather than rewritten', () => {
    expect(() => withReference('# README\n')).toThrow(/markers .* are missing/);
  });
});
