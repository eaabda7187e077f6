import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Chart downloads as a reader takes them (shared by downloads.test.ts and hostile.test.ts). */

export interface Downloaded {
  name: string;
  bytes: Buffer;
}

/** Opens the chart's menu and takes one download from it, as a reader would. */
export async function download(page: Page, chart: string, format: 'csv' | 'svg' | 'png'): Promise<Downloaded> {
  await page.locator(`#chart-${chart} .chart-menu summary`).click();
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`#chart-${chart} .chart-menu button[data-download="${format}"]`).click()]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(file) };
}

export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The CSV's records (BOM off), checking its framing on the way: BOM, CRLF only. */
export function csvRecords(bytes: Buffer): string[][] {
  expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
  const text = bytes.subarray(3).toString('utf8');
  // Records end in CRLF: no bare LF outside quoted fields.
  expect(text.replace(/"(?:[^"]|"")*"/g, '""')).not.toMatch(/(?<!\r)\n/);
  expect(text.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

