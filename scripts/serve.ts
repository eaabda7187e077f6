// npm run serve [-- --out DIR] [--port N]: serves a built site, as any static host would.
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/build/serve.ts';

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4321' }, base: { type: 'string', default: '/' } },
});
const server = await serveStatic(args.out, Number(args.port), args.base);
console.log(`[cx] the report is at http://localhost:${server.port}${args.base}  (Ctrl+C to stop)`);
