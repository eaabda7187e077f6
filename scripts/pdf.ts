// npm run pdf [-- --site DIR] [--out DIR] [--base /sub/path/]: one PDF per language of a built site
// (run `npm run build` first): cover, table of contents, every page in navigation order, page numbers.
import { parseArgs } from 'node:util';
import { buildPdfs, PdfError } from '../src/build/pdf.ts';

const { values: args } = parseArgs({
  options: { site: { type: 'string', default: 'dist' }, out: { type: 'string', default: 'dist-pdf' }, base: { type: 'string' } },
});

try {
  await buildPdfs({ site: args.site, out: args.out, base: args.base, log: (line) => console.log(line) });
} catch (e) {
  console.error(e instanceof PdfError ? `[cx] ${e.message}` : e);
  process.exit(1);
}
