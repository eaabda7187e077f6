/**
 * `npm run docs`: rewrites the README's chart reference (between its chart-reference markers) from
 * the chart types' descriptors (src/charts/reference.ts). test/charts/reference.test.ts fails when
 * the README and the descriptors disagree, so run this after changing a chart type's options.
 */
import fs from 'node:fs';
import { withReference } from '../src/charts/reference.ts';

const README = new URL('../README.md', import.meta.url);
const before = fs.readFileSync(README, 'utf8');
const after = withReference(before);
if (after === before) console.log('README.md: the chart reference is up to date');
else {
  fs.writeFileSync(README, after);
  console.log('README.md: chart reference rewritten from the chart types');
}
