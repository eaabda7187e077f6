// npm run serve [-- --out DIR] [--port N] [--base /sub/path/]: serves a built site, as any static host would.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { PortBusyError, serveStatic } from '../src/build/serve.ts';

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4321' }, base: { type: 'string', default: '/' } },
});
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[cx] --port ${args.port} is not a port number (0–65535)`);
  process.exit(1);
}
if (!fs.existsSync(args.out)) {
  console.error(`[cx] there is no built site in ${args.out}: run npm run build${args.out === 'dist' ? '' : ` -- --out ${args.out}`} first`);
  process.exit(1);
}
try {
  const server = await serveStatic(args.out, port, args.base);
  console.log(`[cx] the report is at http://localhost:${server.port}${args.base}  (Ctrl+C to stop)`);
} catch (e) {
  if (!(e instanceof PortBusyError)) throw e;
  // One line the reader can act on, not a stack trace.
  const retry = e.free === undefined ? 'another port with --port N' : `npm run serve -- --port ${e.free} (free now)`;
  console.error(`[cx] port ${e.port} is busy: another program is using it; try ${retry}`);
  process.exit(1);
}
