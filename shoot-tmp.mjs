import { chromium } from 'playwright-core';
const [,, url, prefix, width, scheme, ...sel] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: scheme });
await p.goto(url); await p.waitForLoadState('networkidle');
await p.waitForFunction(() => !document.documentElement.hasAttribute('data-busy')).catch(() => {});
await p.screenshot({ path: `${prefix}-full.png`, fullPage: true });
let i = 0;
for (const s of sel) { await p.locator(s).first().screenshot({ path: `${prefix}-${i++}.png` }); }
await b.close();
