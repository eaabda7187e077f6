/**
 * Metrics exports mapped the same way: long form (one value per row, labels for banks and metrics)
 * and wide form (one column per metric), with periods taken from dates.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataFolder, formatIssue, formatReport } from '../../src/contract/index.ts';
import type { ContractResult } from '../../src/contract/types.ts';
import { REPO } from '../contract/helpers.ts';
import { dataFolder } from './helpers.ts';

function metricsFolder(files: Record<string, string>): string {
  const dir = dataFolder(files);
  cpSync(path.join(REPO, 'data/examples/metric_defs.csv'), path.join(dir, 'metric_defs.csv'));
  return dir;
}
const metricRows = (r: ContractResult) => {
  const t = r.tables.find((x) => x.name === 'metrics')!;
  return Array.from({ length: t.rowCount }, (_, i) => [t.values.bank![i], t.values.period![i], t.values.metric![i], t.values.value![i]]);
};

describe('metrics exports through a mapping', () => {
  it('long form: bank and metric labels are read as their ids, the month comes from a date', async () => {
    const csv = '机构,统计日期,指标名称,数值,备注\n招商银行,2026/10/31,手机银行月活,"80.2",\nICBC,2026-11-30,Branches,15100,年报\n';
    const map = 'format: plain\ncolumns:\n  bank: 机构\n  period: { from: 统计日期, as: month }\n  metric: 指标名称\n  value: 数值\n  note: 备注\n';
    const result = await checkDataFolder(metricsFolder({ 'metrics/internal.csv': csv, 'metrics/internal.map.yml': map }));
    expect(result.ok, formatReport(result)).toBe(true);
    expect(metricRows(result)).toEqual([
      ['cmb', '2026-10', 'app_mau', 80.2],
      ['icbc', '2026-11', 'branch_count', 15100],
    ]);
  });

  it('wide form: one metrics row per metric column, empty cells give no row and are counted', async () => {
    const csv = '银行,季度末,手机银行月活,网点数量\ncmb,2026-09-30,78.5,1750\npab,2026-09-30,,1100\n';
    const map = 'format: plain\ncolumns:\n  bank: 银行\n  period: { from: 季度末, as: quarter }\nmetrics:\n  app_mau: 手机银行月活\n  branch_count: 网点数量\n';
    const dir = metricsFolder({ 'metrics/wide.csv': csv, 'metrics/wide.map.yml': map });
    const result = await checkDataFolder(dir);
    expect(result.ok, formatReport(result)).toBe(true);
    expect(metricRows(result)).toEqual([
      ['cmb', '2026Q3', 'app_mau', 78.5],
      ['cmb', '2026Q3', 'branch_count', 1750],
      ['pab', '2026Q3', 'branch_count', 1100],
    ]);
    const file = result.files.find((f) => f.table === 'metrics')!;
    expect(file).toMatchObject({ rowsRead: 3, rowsLoaded: 3, rowsRejected: 0 });
    expect(file.issues.map(formatIssue)).toEqual([`${dir}/metrics/wide.csv: warning: 1 empty cell of the metric columns (${dir}/metrics/wide.map.yml:5) gave no metrics row`]);
  });

  it('a semicolon-delimited export (European Excel) reads 78,5 as 78.5', async () => {
    const csv = 'Bank;Quarter end;App MAU (m)\r\nChina Merchants Bank;30/09/2026;78,5\r\n';
    const map = 'format: plain\ndate_order: dmy\ncolumns:\n  bank: Bank\n  period: { from: Quarter end, as: quarter }\nmetrics:\n  app_mau: App MAU (m)\n';
    const result = await checkDataFolder(metricsFolder({ 'metrics/eu.csv': csv, 'metrics/eu.map.yml': map }));
    expect(result.ok, formatReport(result)).toBe(true);
    expect(metricRows(result)).toEqual([['cmb', '2026Q3', 'app_mau', 78.5]]);
  });

  it('a date that cannot be read names the export line and the mapping', async () => {
    const csv = 'bank,date,metric,value\ncmb,sometime,app_mau,1\n';
    const map = 'format: plain\ncolumns:\n  bank: bank\n  period: { from: date, as: year }\n  metric: metric\n  value: value\n';
    const dir = metricsFolder({ 'metrics/x.csv': csv, 'metrics/x.map.yml': map });
    const result = await checkDataFolder(dir);
    expect(result.files.flatMap((f) => f.issues).map(formatIssue)).toEqual([
      `${dir}/metrics/x.csv:2: column date → period (x.map.yml:4): period: "sometime" is not a date (expected e.g. 2026-10-03, 2026/10/3 10:20 or 10/03/2026)`,
    ]);
  });
});
