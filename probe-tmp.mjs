import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage();
for (const bank of ['*', 'cmb', 'pingan', 'icbc']) {
  const t0 = Date.now();
  await p.goto(`${process.env.BASE}/en/findings/?bank=${encodeURIComponent(bank)}`);
  await p.waitForLoadState('networkidle');
  await p.waitForFunction(() => !document.documentElement.hasAttribute('data-busy'), null, { timeout: 120000 });
  const rows = await p.locator('#chart-finding_list tbody tr').allTextContents();
  console.log(bank, 'ms', Date.now() - t0, 'rows', rows.length);
  for (const r of rows) if (/gap 5|served outside|emotion/.test(r)) console.log('  ', r.slice(0, 200));
  console.log('  quiet underpowered:', (await p.locator('#chart-no_change tbody tr').allTextContents()).filter((r) => /too few/.test(r)).length);
  console.log('  moves:', (await p.locator('#chart-ipa_move_list tbody tr').allTextContents()).map((r) => r.slice(0, 90)));
}
await b.close();
