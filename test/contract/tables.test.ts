/** The table shapes the SQL pages rely on: names, types, order, defaults, and byte-exact text. */
import { describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import { errors, fileReport, firstError, makeFolder, rows, table } from './helpers.ts';

describe('survey union', () => {
  const files = {
    'survey/2025Q2.csv': 'respondent_id,quarter,bank,perf_queue,nps\nr1,2025Q2,cmb,99,10\nr2,2025Q2,pab,7.5,\n',
    'survey/2025Q3_panel.csv':
      'Respondent_ID,bank,emo_use,emo_discover,imp_queue,perf_staff,weight,comment\nr1,icbc,-3,+2,0,8,,"<script>alert(1)</script>"\nr2,icbc,,,9,NA,2.5,=HYPERLINK("http://x")\n',
  };

  it('has a column for every attribute and stage, in contract order, with nulls where a file lacks one (and segment all when no file has segments)', async () => {
    const result = await checkDataFolder(makeFolder(files));
    expect(firstError(result)).toBeUndefined();
    const t = table(result, 'survey');
    expect(t.columns.map((c) => c.name)).toEqual([
      'respondent_id', 'quarter', 'bank', 'segment', 'channel', 'weight', 'overall', 'nps', 'csat', 'ces',
      'perf_queue', 'perf_staff', 'perf_app', 'imp_queue', 'imp_staff', 'imp_app', 'emo_discover', 'emo_onboard', 'emo_use', 'lvl_needs', 'lvl_ease', 'lvl_enjoy', 'comment', 'source_file',
    ]);
    expect(Object.fromEntries(t.columns.map((c) => [c.name, c.type]))).toMatchObject({
      respondent_id: 'VARCHAR', quarter: 'VARCHAR', weight: 'DOUBLE', nps: 'DOUBLE', perf_queue: 'DOUBLE', emo_use: 'DOUBLE', lvl_ease: 'DOUBLE', comment: 'VARCHAR', source_file: 'VARCHAR',
    });
    expect(t.files).toEqual(['survey/2025Q2.csv', 'survey/2025Q3_panel.csv']);
    expect(rows(result, 'survey')).toEqual([
      { respondent_id: 'r1', quarter: '2025Q2', bank: 'cmb', segment: 'all', channel: null, weight: 1, overall: null, nps: 10, csat: null, ces: null, perf_queue: null, perf_staff: null, perf_app: null, imp_queue: null, imp_staff: null, imp_app: null, emo_discover: null, emo_onboard: null, emo_use: null, lvl_needs: null, lvl_ease: null, lvl_enjoy: null, comment: null, source_file: 'survey/2025Q2.csv' },
      { respondent_id: 'r2', quarter: '2025Q2', bank: 'pab', segment: 'all', channel: null, weight: 1, overall: null, nps: null, csat: null, ces: null, perf_queue: 7.5, perf_staff: null, perf_app: null, imp_queue: null, imp_staff: null, imp_app: null, emo_discover: null, emo_onboard: null, emo_use: null, lvl_needs: null, lvl_ease: null, lvl_enjoy: null, comment: null, source_file: 'survey/2025Q2.csv' },
      { respondent_id: 'r1', quarter: '2025Q3', bank: 'icbc', segment: 'all', channel: null, weight: 1, overall: null, nps: null, csat: null, ces: null, perf_queue: null, perf_staff: 8, perf_app: null, imp_queue: null, imp_staff: null, imp_app: null, emo_discover: 2, emo_onboard: null, emo_use: -3, lvl_needs: null, lvl_ease: null, lvl_enjoy: null, comment: '<script>alert(1)</script>', source_file: 'survey/2025Q3_panel.csv' },
      { respondent_id: 'r2', quarter: '2025Q3', bank: 'icbc', segment: 'all', channel: null, weight: 2.5, overall: null, nps: null, csat: null, ces: null, perf_queue: null, perf_staff: null, perf_app: null, imp_queue: 9, imp_staff: null, imp_app: null, emo_discover: null, emo_onboard: null, emo_use: null, lvl_needs: null, lvl_ease: null, lvl_enjoy: null, comment: '=HYPERLINK("http://x")', source_file: 'survey/2025Q3_panel.csv' },
    ]);
  });

  it('the column set does not depend on which file comes first', async () => {
    const a = await checkDataFolder(makeFolder(files));
    const b = await checkDataFolder(makeFolder({ 'survey/0_first.csv': files['survey/2025Q3_panel.csv'].replace('Respondent_ID,bank', 'Respondent_ID,quarter,bank').replace(/\nr(\d),icbc/g, '\nr$1,2025Q3,icbc'), 'survey/2025Q2.csv': files['survey/2025Q2.csv'] }));
    expect(table(b, 'survey').columns).toEqual(table(a, 'survey').columns);
  });

  it('comments are data: HTML, scripts, formulas, markers and spaces load unchanged', async () => {
    const hostile = ['<b>bold</b> & <i>co</i>', '<img src=x onerror=alert(1)>', '=1+1', '+SUM(A1)', '-2+3', '@cmd', '-', 'NA', '  padded  ', '"quoted"', '中文 and English'];
    const csv = 'respondent_id,quarter,bank,comment\n' + hostile.map((c, i) => `r${i},2025Q3,cmb,"${c.replaceAll('"', '""')}"`).join('\n') + '\n';
    const result = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': csv }));
    expect(firstError(result)).toBeUndefined();
    expect(rows(result, 'survey').map((r) => r.comment)).toEqual(hostile);
  });
});

describe('survey: experience-quality levels and preferred channels', () => {
  // Task order: by `order`, tasks without one after, in file order.
  const TASKS = 'task_id,label_zh,label_en,order\nwealth_advice,理财咨询,Wealth advice,\ncomplaint,投诉,Complaint,3\ntransfer,转账汇款,Transfer money,1\nopen_account,开户,Open an account,\n';
  const CHANNELS = 'Channel_ID,label_zh,label_en,order\napp,手机银行,Mobile app,2\nbranch,网点,Branch,1\nphone,电话银行,Phone banking,\n';

  it('has the three lvl_ columns and one pref_ column per task, in task order, null where a file lacks them', async () => {
    const result = await checkDataFolder(
      makeFolder({
        'tasks.csv': TASKS,
        'channels.csv': CHANNELS,
        'survey/2025Q2.csv': 'respondent_id,quarter,bank,channel,overall\nr1,2025Q2,cmb,branch,7\n',
        'survey/2025Q3.csv': 'respondent_id,quarter,bank,channel,overall,LVL_Ease,lvl_needs,pref_complaint,pref_transfer\nr1,2025Q3,cmb,app,8,4.5,5,phone,app\nr2,2025Q3,pab,,6,NA,1,,branch\n',
      }),
    );
    expect(firstError(result)).toBeUndefined();
    const t = table(result, 'survey');
    const names = t.columns.map((c) => c.name);
    expect(names.slice(names.indexOf('emo_use') + 1)).toEqual([
      'lvl_needs', 'lvl_ease', 'lvl_enjoy', 'pref_transfer', 'pref_complaint', 'pref_wealth_advice', 'pref_open_account', 'comment', 'source_file',
    ]);
    expect(t.columns.filter((c) => c.name.startsWith('lvl_')).map((c) => c.type)).toEqual(['DOUBLE', 'DOUBLE', 'DOUBLE']);
    expect(t.columns.filter((c) => c.name.startsWith('pref_')).map((c) => c.type)).toEqual(['VARCHAR', 'VARCHAR', 'VARCHAR', 'VARCHAR']);
    const pick = (r: Record<string, unknown>) => Object.fromEntries(['respondent_id', 'quarter', 'channel', 'lvl_needs', 'lvl_ease', 'lvl_enjoy', 'pref_transfer', 'pref_complaint', 'pref_wealth_advice'].map((k) => [k, r[k]]));
    expect(rows(result, 'survey').map(pick)).toEqual([
      { respondent_id: 'r1', quarter: '2025Q2', channel: 'branch', lvl_needs: null, lvl_ease: null, lvl_enjoy: null, pref_transfer: null, pref_complaint: null, pref_wealth_advice: null },
      { respondent_id: 'r1', quarter: '2025Q3', channel: 'app', lvl_needs: 5, lvl_ease: 4.5, lvl_enjoy: null, pref_transfer: 'app', pref_complaint: 'phone', pref_wealth_advice: null },
      { respondent_id: 'r2', quarter: '2025Q3', channel: null, lvl_needs: 1, lvl_ease: null, lvl_enjoy: null, pref_transfer: 'branch', pref_complaint: null, pref_wealth_advice: null },
    ]);
    expect(rows(result, 'tasks')).toEqual([
      { task_id: 'wealth_advice', label_zh: '理财咨询', label_en: 'Wealth advice', order: null },
      { task_id: 'complaint', label_zh: '投诉', label_en: 'Complaint', order: 3 },
      { task_id: 'transfer', label_zh: '转账汇款', label_en: 'Transfer money', order: 1 },
      { task_id: 'open_account', label_zh: '开户', label_en: 'Open an account', order: null },
    ]);
    expect(table(result, 'channels').columns).toEqual([
      { name: 'channel_id', type: 'VARCHAR' }, { name: 'label_zh', type: 'VARCHAR' }, { name: 'label_en', type: 'VARCHAR' }, { name: 'order', type: 'INTEGER' },
    ]);
    expect(rows(result, 'channels').map((c) => c.channel_id)).toEqual(['app', 'branch', 'phone']);
    expect(result.tables.map((x) => x.name)).toEqual(['banks', 'attributes', 'stages', 'tasks', 'channels', 'segments', 'survey', 'metric_defs']);
  });

  it('without tasks.csv the survey has the lvl_ columns and no pref_ column', async () => {
    const result = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': 'respondent_id,quarter,bank\nr1,2025Q3,cmb\n' }));
    const names = table(result, 'survey').columns.map((c) => c.name);
    expect(names.filter((n) => n.startsWith('lvl_'))).toEqual(['lvl_needs', 'lvl_ease', 'lvl_enjoy']);
    expect(names.some((n) => n.startsWith('pref_'))).toBe(false);
  });

  it('pref_ columns without channels.csv: one header error for the file, however many pref_ columns', async () => {
    const result = await checkDataFolder(
      makeFolder({
        'tasks.csv': TASKS,
        'survey/2025Q3.csv': 'respondent_id,quarter,bank,pref_transfer,pref_complaint,Pref_Open_Account\nr1,2025Q3,cmb,app,phone,branch\nr2,2025Q3,cmb,fax,,\n',
      }),
    );
    const errs = errors(result);
    expect(errs.map((e) => [e.line, e.column, e.message])).toEqual([
      [1, 'pref_transfer', 'channels.csv is missing: it is needed to check the preferred channels in the pref_ columns; add channels.csv (channel_id, label_zh, label_en) listing every channel'],
    ]);
    expect(fileReport(result, 'survey/2025Q3.csv')).toMatchObject({ rowsRead: 2, rowsLoaded: 0, rowsRejected: 2 });
  });

  it('reports every unknown channel with its line, column and value', async () => {
    const result = await checkDataFolder(
      makeFolder({
        'tasks.csv': TASKS,
        'channels.csv': CHANNELS,
        'survey/2025Q3.csv': 'respondent_id,quarter,bank,channel,pref_transfer,pref_complaint\nr1,2025Q3,cmb,app,app,phone\nr2,2025Q3,cmb,web,fax,phone\nr3,2025Q3,cmb,app,app,WeChat\n',
      }),
    );
    expect(errors(result).map((e) => `${e.line} ${e.column} ${e.value}: ${e.message}`)).toEqual([
      '3 channel web: channel web is not in channels.csv (branch, app, phone)',
      '3 pref_transfer fax: channel fax is not in channels.csv (branch, app, phone)',
      '4 pref_complaint WeChat: channel WeChat is not in channels.csv (branch, app, phone)',
    ]);
    expect(fileReport(result, 'survey/2025Q3.csv')).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsRejected: 2 });
  });
});

describe('themes', () => {
  it('keywords are tidied: trimmed, repeats and empties dropped, English lower-cased', async () => {
    const csv = 'theme_id,label_zh,label_en,keywords_zh,keywords_en\nwaiting,排队等候,Waiting time, 排队 ;等待;;排队 ,Wait; QUEUE ;wait\nfees,收费,Fees,手续费,\nstaff,服务态度,Staff attitude,,"rude;  don\'t   care"\n';
    const result = await checkDataFolder(makeFolder({ 'themes.csv': csv }));
    expect(firstError(result)).toBeUndefined();
    expect(table(result, 'themes').columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'theme_id:VARCHAR', 'label_zh:VARCHAR', 'label_en:VARCHAR', 'keywords_zh:VARCHAR', 'keywords_en:VARCHAR',
    ]);
    expect(rows(result, 'themes')).toEqual([
      { theme_id: 'waiting', label_zh: '排队等候', label_en: 'Waiting time', keywords_zh: '排队;等待', keywords_en: 'wait;queue' },
      { theme_id: 'fees', label_zh: '收费', label_en: 'Fees', keywords_zh: '手续费', keywords_en: null },
      { theme_id: 'staff', label_zh: '服务态度', label_en: 'Staff attitude', keywords_zh: null, keywords_en: "rude;don't care" },
    ]);
  });

  it('a theme without keywords and a bad English keyword are both reported', async () => {
    const csv = 'theme_id,label_zh,label_en,keywords_zh,keywords_en\na,甲,A,,\nb,乙,B,,排队\nc,丙,C,好,\n';
    const result = await checkDataFolder(makeFolder({ 'themes.csv': csv }));
    expect(errors(result).map((e) => `${e.line} ${e.column}`)).toEqual(['2 keywords_zh', '3 keywords_en']);
    expect(fileReport(result, 'themes.csv')).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsRejected: 2 });
  });
});

describe('reference tables', () => {
  it('banks, stages and attributes have the contract types', async () => {
    const result = await checkDataFolder(makeFolder({}));
    expect(result.tables.map((t) => t.name)).toEqual(['banks', 'attributes', 'stages', 'metric_defs']);
    expect(rows(result, 'banks')).toEqual([
      { bank_id: 'cmb', name_zh: '招商银行', name_en: 'China Merchants Bank', color: '#c8102e', peer_group: 'joint-stock' },
      { bank_id: 'pab', name_zh: '平安银行', name_en: 'Ping An Bank', color: '#f05a22', peer_group: 'joint-stock' },
      { bank_id: 'icbc', name_zh: '工商银行', name_en: 'ICBC', color: null, peer_group: 'state-owned' },
    ]);
    expect(table(result, 'stages').columns).toEqual([
      { name: 'stage_id', type: 'VARCHAR' }, { name: 'order', type: 'INTEGER' }, { name: 'label_zh', type: 'VARCHAR' }, { name: 'label_en', type: 'VARCHAR' }, { name: 'moment_of_truth', type: 'BOOLEAN' },
    ]);
    expect(rows(result, 'stages').map((s) => [s.stage_id, s.order, s.moment_of_truth])).toEqual([['use', 3, false], ['discover', 1, false], ['onboard', 2, true]]);
    expect(table(result, 'attributes').columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'attribute_id:VARCHAR', 'label_zh:VARCHAR', 'label_en:VARCHAR', 'stage_id:VARCHAR', 'dimension:VARCHAR', 'scale_min:DOUBLE', 'scale_max:DOUBLE', 'na_codes:VARCHAR',
    ]);
    expect(rows(result, 'attributes')[0]).toEqual({ attribute_id: 'queue', label_zh: '排队等候时间', label_en: 'Waiting time', stage_id: 'onboard', dimension: 'responsiveness', scale_min: 1, scale_max: 10, na_codes: '0;99' });
    expect(rows(result, 'attributes')[2]).toMatchObject({ dimension: null, scale_max: 5, na_codes: null });
  });

  it('only the kinds present are returned', async () => {
    const result = await checkDataFolder(makeFolder({ 'banks.csv': 'bank_id,name_zh,name_en\ncmb,招商银行,CMB\n' }, null));
    expect(result.ok).toBe(true);
    expect(result.tables.map((t) => t.name)).toEqual(['banks']);
  });
});

describe('servqual', () => {
  const head = ['respondent_id', 'quarter', 'bank', 'role', ...Array.from({ length: 22 }, (_v, i) => `e${i + 1}`), ...Array.from({ length: 22 }, (_v, i) => `p${i + 1}`)];
  const line = (id: string, role: string) => [id, '2025Q3', 'cmb', role, ...Array(22).fill('6'), ...Array(22).fill(role === 'manager' ? '' : '4.5')].join(',');

  it('defaults to the 22 standard items and loads e/p columns as e01…p22 (e1 is accepted)', async () => {
    const result = await checkDataFolder(makeFolder({ 'servqual/2025Q3.csv': [head.join(','), line('c1', 'customer'), line('m1', 'manager')].join('\n') }));
    expect(firstError(result)).toBeUndefined();
    const items = rows(result, 'servqual_items');
    expect(items).toHaveLength(22);
    expect(table(result, 'servqual_items').files).toEqual([]);
    const dims = items.map((i) => i.dimension);
    expect(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'].map((d) => dims.filter((x) => x === d).length)).toEqual([4, 5, 4, 4, 5]);
    expect(items[0]).toMatchObject({ item_id: 1, dimension: 'tangibles' });
    expect(items[21]).toMatchObject({ item_id: 22, dimension: 'empathy' });
    const t = table(result, 'servqual');
    expect(t.columns.map((c) => c.name)).toEqual([
      'respondent_id', 'quarter', 'bank', 'role', 'weight',
      ...Array.from({ length: 22 }, (_v, i) => `e${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 22 }, (_v, i) => `p${String(i + 1).padStart(2, '0')}`),
      'w_tangibles', 'w_reliability', 'w_responsiveness', 'w_assurance', 'w_empathy', 'source_file',
    ]);
    const [c, m] = rows(result, 'servqual');
    expect(c).toMatchObject({ role: 'customer', weight: null, e01: 6, p22: 4.5, w_empathy: null, source_file: 'servqual/2025Q3.csv' });
    expect(m).toMatchObject({ role: 'manager', e05: 6, p05: null });
  });

  it('weight is a DOUBLE column: 1 when a file has it but the cell is empty, null when the file lacks it', async () => {
    const withWeight = [[...head, 'weight'].join(','), `${line('c1', 'customer')},2.5`, `${line('c2', 'customer')},`, `${line('m1', 'manager')},1`].join('\n');
    const result = await checkDataFolder(makeFolder({ 'servqual/2025Q2.csv': [head.join(','), line('c1', 'customer').replace('2025Q3', '2025Q2')].join('\n'), 'servqual/2025Q3.csv': withWeight }));
    expect(firstError(result)).toBeUndefined();
    expect(table(result, 'servqual').columns.find((c) => c.name === 'weight')).toEqual({ name: 'weight', type: 'DOUBLE' });
    expect(rows(result, 'servqual').map((r) => [r.quarter, r.respondent_id, r.weight])).toEqual([
      ['2025Q2', 'c1', null],
      ['2025Q3', 'c1', 2.5],
      ['2025Q3', 'c2', 1],
      ['2025Q3', 'm1', 1],
    ]);
  });
});

describe('servqual_provider', () => {
  const head = ['respondent_id', 'quarter', 'bank', 'role', ...Array.from({ length: 22 }, (_v, i) => `e${i + 1}`)];
  /** A manager's questionnaire: enough for provider measures of that bank and quarter. */
  const sq = (q: string, bank: string, id: string) => [id, q, bank, 'manager', ...Array(22).fill('6')].join(',');

  it('loads the measures long, with item numbers as integers and the file they came from', async () => {
    const result = await checkDataFolder(
      makeFolder({
        'servqual/2025Q3.csv': [head.join(','), sq('2025Q3', 'cmb', 'm1'), sq('2025Q3', 'pab', 'm1')].join('\n'),
        'servqual/2025Q4.csv': [head.join(','), sq('2025Q4', 'cmb', 'm1')].join('\n'),
        'servqual_provider/2025Q3.csv':
          'Bank,Measure,Item,Value,Source,N,Note\ncmb,specification,05,6.2,服务标准手册 2026版 / service standards manual,,\npab,delivered,22,4.85,"mystery shopping, 40 branch visits",40,"<b>=1+1</b>, kept"\n',
        'servqual_provider/q4.csv': 'quarter,bank,measure,item,value,source\n2025q4,cmb,promised,1,7,marketing campaign audit\n',
      }),
    );
    expect(firstError(result)).toBeUndefined();
    // No opinions file: the table still exists, empty, so gap pages can say so.
    expect(result.tables.map((t) => t.name)).toEqual(['banks', 'attributes', 'stages', 'servqual', 'servqual_items', 'servqual_provider', 'servqual_opinions', 'metric_defs']);
    expect(table(result, 'servqual_opinions').rowCount).toBe(0);
    expect(table(result, 'servqual_opinions').columns.map((c) => c.name)).toContain('text');
    const t = table(result, 'servqual_provider');
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'quarter:VARCHAR', 'bank:VARCHAR', 'measure:VARCHAR', 'item:INTEGER', 'value:DOUBLE', 'source:VARCHAR', 'n:INTEGER', 'note:VARCHAR', 'source_file:VARCHAR',
    ]);
    expect(t.files).toEqual(['servqual_provider/2025Q3.csv', 'servqual_provider/q4.csv']);
    expect(rows(result, 'servqual_provider')).toEqual([
      { quarter: '2025Q3', bank: 'cmb', measure: 'specification', item: 5, value: 6.2, source: '服务标准手册 2026版 / service standards manual', n: null, note: null, source_file: 'servqual_provider/2025Q3.csv' },
      { quarter: '2025Q3', bank: 'pab', measure: 'delivered', item: 22, value: 4.85, source: 'mystery shopping, 40 branch visits', n: 40, note: '<b>=1+1</b>, kept', source_file: 'servqual_provider/2025Q3.csv' },
      { quarter: '2025Q4', bank: 'cmb', measure: 'promised', item: 1, value: 7, source: 'marketing campaign audit', n: null, note: null, source_file: 'servqual_provider/q4.csv' },
    ]);
  });
});

describe('servqual_opinions', () => {
  it('loads opinions with integer gaps, nulls for the optional columns, and the text byte for byte', async () => {
    const hostile = ['<script>alert(1)</script>', '=HYPERLINK("http://x")', '  padded  ', 'NA', '管理层不了解客户真正想要什么, really'];
    const csv =
      'Opinion_ID,gap,role,bank,quarter,dimension,text\n' +
      hostile.map((t, i) => `${i === 1 ? '' : `op${i}`},${(i % 5) + 1},${['customer', 'staff', 'manager'][i % 3]},${i === 0 ? 'cmb' : ''},${i === 0 ? '2025q3' : ''},${i === 0 ? 'Empathy' : ''},"${t.replaceAll('"', '""')}"`).join('\n') +
      '\n';
    const result = await checkDataFolder(makeFolder({ 'servqual_opinions.csv': csv }));
    expect(firstError(result)).toBeUndefined();
    const t = table(result, 'servqual_opinions');
    expect(t.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'opinion_id:VARCHAR', 'gap:INTEGER', 'role:VARCHAR', 'bank:VARCHAR', 'quarter:VARCHAR', 'dimension:VARCHAR', 'text:VARCHAR',
    ]);
    expect(t.files).toEqual(['servqual_opinions.csv']);
    const r = rows(result, 'servqual_opinions');
    expect(r.map((x) => x.text)).toEqual(hostile);
    expect(r[0]).toEqual({ opinion_id: 'op0', gap: 1, role: 'customer', bank: 'cmb', quarter: '2025Q3', dimension: 'empathy', text: '<script>alert(1)</script>' });
    expect(r[1]).toMatchObject({ opinion_id: null, gap: 2, role: 'staff', bank: null, quarter: null, dimension: null });
    // No questionnaire is needed for opinions.
    expect(result.tables.map((x) => x.name)).toEqual(['banks', 'attributes', 'stages', 'servqual_opinions', 'metric_defs']);
  });
});


describe('metrics', () => {
  it('derives the period grain', async () => {
    const result = await checkDataFolder(
      makeFolder({ 'metrics/ops.csv': 'bank,period,metric,value,source,note\ncmb,2024,complaints,3.1,Annual report,\npab,2024q4,complaints,2.9,,"restated, see note"\nicbc,2024-12,app_mau,78.2,,\n' }),
    );
    expect(firstError(result)).toBeUndefined();
    expect(rows(result, 'metrics')).toEqual([
      { bank: 'cmb', period: '2024', period_grain: 'year', metric: 'complaints', value: 3.1, source: 'Annual report', note: null, source_file: 'metrics/ops.csv' },
      { bank: 'pab', period: '2024Q4', period_grain: 'quarter', metric: 'complaints', value: 2.9, source: null, note: 'restated, see note', source_file: 'metrics/ops.csv' },
      { bank: 'icbc', period: '2024-12', period_grain: 'month', metric: 'app_mau', value: 78.2, source: null, note: null, source_file: 'metrics/ops.csv' },
    ]);
    expect(rows(result, 'metric_defs')[0]).toEqual({ metric_id: 'complaints', label_zh: '每十万客户投诉量', label_en: 'Complaints per 100k customers', unit: '件', unit_zh: null, unit_en: null, direction: 'lower_better', format: '.1f', group_zh: null, group_en: null });
  });
});

describe('segments', () => {
  const surveyFile = 'respondent_id,quarter,bank,segment,nps\nr1,2025Q3,cmb,sme,9\nr2,2025Q3,cmb,retail,7\nr3,2025Q3,cmb,,8\nr4,2025Q3,cmb,sme,6\n';

  it('without segments.csv: the segments the survey uses, in text order, each labelled with its id', async () => {
    const result = await checkDataFolder(makeFolder({ 'survey/2025Q3.csv': surveyFile }));
    expect(firstError(result)).toBeUndefined();
    expect(rows(result, 'segments')).toEqual([
      { segment_id: 'retail', label_zh: 'retail', label_en: 'retail', order: null },
      { segment_id: 'sme', label_zh: 'sme', label_en: 'sme', order: null },
    ]);
    expect(table(result, 'segments').files).toEqual([]);
  });

  it('with segments.csv: its labels and order, as loaded', async () => {
    const result = await checkDataFolder(
      makeFolder({ 'segments.csv': 'segment_id,label_zh,label_en,order\nsme,小微企业主,Small business owners,2\nretail,零售客户,Retail,1\n', 'survey/2025Q3.csv': surveyFile }),
    );
    expect(firstError(result)).toBeUndefined();
    expect(rows(result, 'segments').map((r) => [r.segment_id, r.label_zh, r.order])).toEqual([['sme', '小微企业主', 2], ['retail', '零售客户', 1]]);
    expect(table(result, 'segments').files).toEqual(['segments.csv']);
  });
});
