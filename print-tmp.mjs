import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: 900, height: 1200 } });
await p.goto('http://localhost:4619/zh/findings/'); await p.waitForLoadState('networkidle');
await p.emulateMedia({ media: 'print' });
await p.screenshot({ path: '/tmp/shots-h19f/zh-print-full.png', fullPage: true });
await p.pdf({ path: '/tmp/shots-h19f/zh-findings.pdf', format: 'A4', printBackground: true });
await b.close();
