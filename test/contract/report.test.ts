/** The report: every error in one line, capped and sorted per file, counts that add up. */
import { describe, expect, it } from 'vitest';
import { checkDataFolder, formatReport, type ContractProgress } from '../../src/contract/index.ts';
import { fileReport, makeFolder, row, survey } from './helpers.ts';

describe('formatReport', () => {
  it('lists errors by line, capped at 50 per file with a count of the rest', async () => {
    // 60 bad rows, whose errors are found column by column; two errors on line 117.
    const lines = Array.from({ length: 200 }, (_v, i) => {
      const line = i + 2;
      if (line === 117) return row(`r${i}`, { perf_queue: '11', nps: '12' });
      return row(`r${i}`, line % 3 === 0 && line < 180 ? { csat: '9' } : {});
    });
    const dir = makeFolder({ 'survey/2025Q3.csv': survey(lines) });
    const result = await checkDataFolder(dir);
    const f = fileReport(result, 'survey/2025Q3.csv');
    expect(f.errorCount).toBe(60);
    expect(f.issues).toHaveLength(50);
    expect(f.rowsRejected).toBe(59);
    expect(f.rowsRead).toBe(200);
    expect(f.rowsLoaded).toBe(141);
    const issueLines = f.issues.map((i) => i.line!);
    expect(issueLines).toEqual([...issueLines].sort((a, b) => a - b));

    const text = formatReport(result);
    expect(text).toContain(`${dir}/survey/2025Q3.csv:117: column nps: value 12 is outside 0–10 (likelihood-to-recommend scale)`);
    expect(text).toContain(`${dir}/survey/2025Q3.csv:117: column perf_queue: value 11 is outside 1–10 (attribute queue's scale)`);
    // Same line: in the order of the columns in the file.
    expect(text.indexOf(':117: column nps')).toBeLessThan(text.indexOf(':117: column perf_queue'));
    expect(text).toContain('… and 10 more (60 errors and 0 warnings in this file in all');
    expect(text).toContain(`${dir}/survey/2025Q3.csv → survey (utf-8, comma, LF): rows read 200, loaded 141, rejected 59`);
    expect(text).toMatch(/survey\s+1 file\s+rows read\s+200, loaded\s+141, rejected\s+59/);
    expect(text).toMatch(/^FAILED: 60 errors in 1 file/m);
  });

  it('says OK and prints warnings when the data are valid', async () => {
    const result = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': survey([row('r1', {}, 'respondent_id,quarter,bank,age')], 'respondent_id,quarter,bank,age') }));
    const text = formatReport(result);
    expect(result.ok).toBe(true);
    expect(text).toMatch(/survey\/2025Q3\.csv:1: warning: column age: unknown column age is ignored/);
    expect(text).toMatch(/^OK: the data meet the contract \(1 warning\)\.$/m);
  });

  it('reports progress per file and ends each file at fraction 1', async () => {
    const events: ContractProgress[] = [];
    await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': survey([row('r1')]) }), { onProgress: (p) => events.push(p) });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ fraction: 1, filesDone: 5, filesTotal: 5 });
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(events.some((e) => e.message.includes('survey/2025Q3.csv'))).toBe(true);
  });
});

describe('formatReport: SERVQUAL kinds', () => {
  const items = (p: string) => Array.from({ length: 22 }, (_v, i) => `${p}${String(i + 1).padStart(2, '0')}`);
  const head = ['respondent_id', 'quarter', 'bank', 'role', ...items('e'), ...items('p'), 'w_tangibles', 'w_reliability', 'w_responsiveness', 'w_assurance', 'w_empathy'].join(',');
  const customer = (id: string, points: string[]) => [id, '2025Q3', 'cmb', 'customer', ...Array(22).fill('6'), ...Array(22).fill('5'), ...points].join(',');

  it('lists the provider and opinion files with their counts, and every rule as file:line: column: message', async () => {
    const dir = makeFolder({
      'servqual/2025Q3.csv': [head, customer('c1', ['10', '30', '20', '20', '20']), customer('c2', ['10', '30', '20', '20', '30'])].join('\n') + '\n',
      'servqual_provider/2025Q3.csv':
        'bank,measure,item,value,source,n\ncmb,specification,5,6,service standards manual,\ncmb,delivered,23,5,mystery shopping,40\npab,delivered,5,5,mystery shopping,40\n',
      'servqual_opinions.csv': 'gap,role,text\n1,manager,我们以为客户最在乎网点装修\n7,staff,?\n',
    });
    const text = formatReport(await checkDataFolder(dir));
    expect(text).toContain(`${dir}/servqual/2025Q3.csv:3: column w_tangibles: importance points w_tangibles…w_empathy sum to 110; they must sum to 100 (± 0.5)`);
    expect(text).toContain(`${dir}/servqual_provider/2025Q3.csv → servqual_provider (utf-8, comma, LF): rows read 3, loaded 1, rejected 2`);
    expect(text).toContain(`${dir}/servqual_provider/2025Q3.csv:3: column item: item 23 is not a SERVQUAL item (the standard items are 1–22)`);
    expect(text).toContain(
      `${dir}/servqual_provider/2025Q3.csv:4: column bank: bank pab has provider measures for 2025Q3 but servqual/*.csv has no questionnaire for that bank and quarter; gaps 2–4 are measured against the questionnaire's items`,
    );
    expect(text).toContain(`${dir}/servqual_opinions.csv → servqual_opinions (utf-8, comma, LF): rows read 2, loaded 1, rejected 1`);
    expect(text).toContain(`${dir}/servqual_opinions.csv:3: column gap: value 7 is outside 1–5 (the five gaps of the SERVQUAL model)`);
    expect(text).toMatch(/servqual_provider\s+1 file\s+rows read\s+3, loaded\s+1, rejected\s+2/);
    expect(text).toMatch(/servqual_opinions\s+1 file\s+rows read\s+2, loaded\s+1, rejected\s+1/);
    // Tables in contract order: the questionnaires, their items, the provider's measures, the opinions.
    expect(text.indexOf('servqual_items  no file')).toBeLessThan(text.indexOf('servqual_provider  '));
    expect(text.indexOf('servqual_provider  ')).toBeLessThan(text.indexOf('servqual_opinions  '));
    expect(text).toMatch(/^FAILED: 4 errors in 3 files/m);
  });
});

describe('formatReport: journey kinds', () => {
  it('lists tasks.csv, channels.csv and themes.csv with their counts, and channel errors as file:line: column: message', async () => {
    const dir = makeFolder({
      'tasks.csv': 'task_id,label_zh,label_en,order\nopen_account,开户,Open an account,1\ntransfer,转账汇款,Transfer money,2\n',
      'channels.csv': 'channel_id,label_zh,label_en,order\nbranch,网点,Branch,1\napp,手机银行,Mobile app,2\nweb,网上银行,Online banking,3\nphone,电话银行,Phone banking,4\nwechat,微信银行,WeChat banking,5\n',
      'themes.csv': 'theme_id,label_zh,label_en,keywords_zh,keywords_en\nwaiting,排队等候,Waiting time,排队;等待,wait;queue\nnone,无,None,,\n',
      'survey/2025Q3.csv': 'respondent_id,quarter,bank,channel,lvl_needs,lvl_ease,lvl_enjoy,pref_open_account,pref_transfer\nr1,2025Q3,cmb,app,4,4,3,branch,app\nr2,2025Q3,cmb,app,4,7,3,branch,fax\n',
    });
    const text = formatReport(await checkDataFolder(dir));
    expect(text).toContain(`${dir}/tasks.csv → tasks (utf-8, comma, LF): rows read 2, loaded 2, rejected 0`);
    expect(text).toContain(`${dir}/channels.csv → channels (utf-8, comma, LF): rows read 5, loaded 5, rejected 0`);
    expect(text).toContain(`${dir}/themes.csv → themes (utf-8, comma, LF): rows read 2, loaded 1, rejected 1`);
    expect(text).toContain(`${dir}/themes.csv:3: column keywords_zh: theme none has no keywords`);
    expect(text).toContain(`${dir}/survey/2025Q3.csv:3: column lvl_ease: value 7 is outside 1–5 (experience-quality agreement scale)`);
    expect(text).toContain(`${dir}/survey/2025Q3.csv:3: column pref_transfer: channel fax is not in channels.csv (branch, app, web, phone, wechat)`);
    expect(text).toMatch(/tasks\s+1 file\s+rows read\s+2, loaded\s+2, rejected\s+0/);
    expect(text).toMatch(/channels\s+1 file\s+rows read\s+5, loaded\s+5, rejected\s+0/);
    expect(text).toMatch(/themes\s+1 file\s+rows read\s+2, loaded\s+1, rejected\s+1/);
    // Reference lists come before the survey that refers to them.
    expect(text.indexOf('\n  tasks ')).toBeLessThan(text.indexOf('\n  survey '));
    expect(text).toMatch(/^FAILED: 3 errors in 2 files/m);
  });
});
