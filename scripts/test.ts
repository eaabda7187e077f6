// npm test: every test (unit, integration, browser). Browser tests need Debian's Chromium; this
// installs it when running as root with apt, and otherwise says exactly how — it never downloads a browser.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { CHROMIUM } from '../test/e2e/chromium-path.ts';

/** Whether fontconfig knows a font covering Chinese (the zh PDF and screenshots need one). */
const hasCjkFont = () => spawnSync('sh', ['-c', 'fc-list :lang=zh family'], { encoding: 'utf8' }).stdout?.trim().length > 0;

const missing = [...(fs.existsSync(CHROMIUM) ? [] : ['chromium']), ...(fs.existsSync(CHROMIUM) && hasCjkFont() ? [] : ['fonts-noto-cjk'])];
if (missing.length) {
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (root && apt) {
    console.log(`[test] installing Debian's ${missing.join(' ')} with apt-get (browser tests and the Chinese PDF need them)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const cmd of ['apt-get update -qq', `apt-get install -y -qq ${missing.join(' ')}`]) {
      if (spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env }).status !== 0) process.exit(1);
    }
  } else {
    console.error(`[test] Browser tests need Chromium at ${CHROMIUM} and a Chinese font. Install them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n(then run npm test again)`);
    process.exit(1);
  }
}

// Types first: strict TypeScript is part of the test (astro sync writes the content-collection types).
for (const args of [['node_modules/astro/bin/astro.mjs', 'sync'], ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']]) {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[test] ${args.slice(1).join(' ') || args[0]} failed`);
    process.exit(r.status ?? 1);
  }
}

const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(vitest.status ?? 1);
