/**
 * One case per rule of the data contract: a small data folder, the expected outcome, and the
 * first error's file, line and column.
 */
import { describe, expect, it } from 'vitest';
import { checkDataFolder } from '../../src/contract/index.ts';
import { fileReport, firstError, makeFolder, row, survey, SURVEY_HEADER, type Files } from './helpers.ts';

interface Case {
  name: string;
  files: Files;
  /** Expected first error; omitted for cases that must pass. */
  error?: { file: string; line?: number; column?: string; message: string | RegExp };
  /** Rows rejected in the erroneous file. */
  rejected?: number;
}

const S = 'survey/2025Q3.csv';
const SURVEY_NO_QUARTER = SURVEY_HEADER.replace('quarter,', '');
const SQ_HEAD = ['respondent_id', 'quarter', 'bank', 'role', ...Array.from({ length: 22 }, (_v, i) => `e${String(i + 1).padStart(2, '0')}`), ...Array.from({ length: 22 }, (_v, i) => `p${String(i + 1).padStart(2, '0')}`)];
const W_HEAD = ['w_tangibles', 'w_reliability', 'w_responsiveness', 'w_assurance', 'w_empathy'];

const SQ = 'servqual/2025Q3.csv';
const PV = 'servqual_provider/2025Q3.csv';
const PV_HEAD = 'quarter,bank,measure,item,value,source,n,note';
const OP = 'servqual_opinions.csv';
const OP_HEAD = 'opinion_id,gap,role,bank,quarter,dimension,text';

const TASKS = 'task_id,label_zh,label_en,order\nopen_account,开户,Open an account,1\ntransfer,转账汇款,Transfer money,2\ncomplaint,投诉,Make a complaint,3\n';
const CHANNELS = 'channel_id,label_zh,label_en,order\nbranch,网点,Branch,1\napp,手机银行,Mobile app,2\nweb,网上银行,Online banking,3\nphone,电话银行,Phone banking,4\n';
const SEGMENTS = 'segment_id,label_zh,label_en,order\nretail,零售客户,Retail,1\nprivate,私人银行客户,Private banking,2\n';
/** A survey header with the three experience-quality levels and two preferred-channel columns. */
const JOURNEY_HEADER = `${SURVEY_HEADER},lvl_needs,lvl_ease,lvl_enjoy,pref_open_account,pref_transfer`;
const jrow = (id: string, over: Record<string, string> = {}, header = JOURNEY_HEADER) =>
  row(id, { lvl_needs: '4', lvl_ease: '3.5', lvl_enjoy: '5', pref_open_account: 'branch', pref_transfer: 'app', ...over }, header);
const journey = (rows: string[], header = JOURNEY_HEADER): Files => ({ 'tasks.csv': TASKS, 'channels.csv': CHANNELS, [S]: survey(rows, header) });
const THEMES_HEAD = 'theme_id,label_zh,label_en,keywords_zh,keywords_en';
const themes = (rows: string[], head = THEMES_HEAD): Files => ({ 'themes.csv': [head, ...rows].join('\n') + '\n' });

function servqual(rows: string[][], head = SQ_HEAD): string {
  return [head, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}
function sq(id: string, role: string, over: Record<number, string> = {}, weights: string[] = []): string[] {
  const e = Array.from({ length: 22 }, () => '6');
  const p = Array.from({ length: 22 }, () => (role === 'manager' ? '' : '5'));
  const r = [id, '2025Q3', 'cmb', role, ...e, ...p, ...weights];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
  return r;
}

/** A provider file: the header, then one line per row. */
function provider(rows: string[], head = PV_HEAD): string {
  return [head, ...rows].join('\n') + '\n';
}
/** A valid provider row (cmb, 2025Q3, delivered, item 5), with overrides by column name. */
function pv(over: Record<string, string> = {}, head = PV_HEAD): string {
  const defaults: Record<string, string> = { quarter: '2025Q3', bank: 'cmb', measure: 'delivered', item: '5', value: '5.4', source: 'mystery shopping', n: '40', note: '' };
  return head
    .split(',')
    .map((c) => over[c] ?? defaults[c] ?? '')
    .join(',');
}
/** The questionnaires the provider cases are read against: cmb in 2025Q3, a customer and a manager. */
const QUESTIONNAIRE = { [SQ]: servqual([sq('c1', 'customer'), sq('m1', 'manager')]) };
function opinions(rows: string[], head = OP_HEAD): string {
  return [head, ...rows].join('\n') + '\n';
}

const cases: Case[] = [
  // --- survey: ratings and scales
  {
    name: 'rating above the attribute scale, after a quoted line break',
    files: { [S]: survey([row('r1', { comment: '"first line\nsecond line"' }), row('r2', { perf_queue: '11' })]) },
    error: { file: S, line: 4, column: 'perf_queue', message: "value 11 is outside 1–10 (attribute queue's scale)" },
    rejected: 1,
  },
  {
    name: 'rating that is not a number',
    files: { [S]: survey([row('r1'), row('r2', { perf_staff: 'good' })]) },
    error: { file: S, line: 3, column: 'perf_staff', message: /value good is not a number: expected 1–10/ },
  },
  {
    name: 'missing markers, NA codes and non-integer ratings are accepted',
    files: {
      [S]: survey([
        row('r1', { perf_queue: 'NA', perf_staff: 'N/A', imp_queue: '-' }),
        row('r2', { perf_queue: '—', perf_staff: '', imp_queue: '99' }),
        row('r3', { perf_queue: '0', perf_staff: '7.25', imp_queue: ' 8 ' }),
        row('r4', { perf_queue: 'n/a', perf_staff: 'na', nps: '', csat: '', ces: '', overall: '' }),
      ]),
    },
  },
  {
    name: "an NA code of one attribute is out of range on another",
    files: { [S]: survey([row('r1'), row('r2', { perf_staff: '99' })]) },
    error: { file: S, line: 3, column: 'perf_staff', message: "value 99 is outside 1–10 (attribute staff's scale)" },
  },
  {
    name: 'importance on the attribute scale',
    files: { [S]: survey([row('r1', { imp_queue: '0.5' })]) },
    error: { file: S, line: 2, column: 'imp_queue', message: /outside 1–10/ },
  },
  { name: 'NPS above 10', files: { [S]: survey([row('r1', { nps: '11' })]) }, error: { file: S, line: 2, column: 'nps', message: /outside 0–10/ } },
  { name: 'NPS below 0', files: { [S]: survey([row('r1', { nps: '-1' })]) }, error: { file: S, line: 2, column: 'nps', message: /outside 0–10/ } },
  { name: 'NPS 0 is valid', files: { [S]: survey([row('r1', { nps: '0' })]) } },
  { name: 'CSAT above 5', files: { [S]: survey([row('r1', { csat: '6' })]) }, error: { file: S, line: 2, column: 'csat', message: /outside 1–5/ } },
  { name: 'CES above 7', files: { [S]: survey([row('r1', { ces: '8' })]) }, error: { file: S, line: 2, column: 'ces', message: /outside 1–7/ } },
  { name: 'overall below 1', files: { [S]: survey([row('r1', { overall: '0' })]) }, error: { file: S, line: 2, column: 'overall', message: /outside 1–10/ } },
  {
    name: 'emotion beyond +3',
    files: { [S]: survey([row('r1', { emo_onboard: '-3' }), row('r2', { emo_onboard: '+4' })]) },
    error: { file: S, line: 3, column: 'emo_onboard', message: 'value +4 is outside −3..+3 (emotion scale)' },
  },
  {
    name: 'emotion below −3',
    files: { [S]: survey([row('r1'), row('r2'), row('r3', { emo_onboard: '-3.5' })]) },
    error: { file: S, line: 4, column: 'emo_onboard', message: 'value -3.5 is outside −3..+3 (emotion scale)' },
    rejected: 1,
  },
  { name: 'weight zero', files: { [S]: survey([row('r1', { weight: '0' })]) }, error: { file: S, line: 2, column: 'weight', message: 'value 0 is not greater than 0' } },
  { name: 'weight negative', files: { [S]: survey([row('r1', { weight: '-2' })]) }, error: { file: S, line: 2, column: 'weight', message: /not greater than 0/ } },
  { name: 'hexadecimal is not a number', files: { [S]: survey([row('r1', { perf_queue: '0x5' })]) }, error: { file: S, line: 2, column: 'perf_queue', message: /not a number/ } },

  // --- survey: ids, quarters, references
  {
    name: 'malformed quarter',
    files: { [S]: survey([row('r1'), row('r2'), row('r3', { quarter: '2025-Q3' })]) },
    error: { file: S, line: 4, column: 'quarter', message: /not in the form YYYYQn/ },
  },
  { name: 'quarter 5', files: { [S]: survey([row('r1', { quarter: '2025Q5' })]) }, error: { file: S, line: 2, column: 'quarter', message: /YYYYQn/ } },
  {
    name: 'quarter taken from the file name',
    files: { 'survey/2025Q4_wave.csv': survey([row('r1', {}, SURVEY_NO_QUARTER)], SURVEY_NO_QUARTER) },
  },
  {
    name: 'quarter column contradicts the file name',
    files: { 'survey/2025Q4_wave.csv': survey([row('r1')]) },
    error: { file: 'survey/2025Q4_wave.csv', line: 2, column: 'quarter', message: /does not match the quarter 2025Q4/ },
  },
  {
    name: 'no quarter column and no quarter in the file name',
    files: { 'survey/wave.csv': survey([row('r1', {}, SURVEY_NO_QUARTER)], SURVEY_NO_QUARTER) },
    error: { file: 'survey/wave.csv', line: 1, column: 'quarter', message: /required column quarter is missing.*2025Q3_wave\.csv/ },
    rejected: 1,
  },
  { name: 'unknown bank', files: { [S]: survey([row('r1', { bank: 'hsbc' })]) }, error: { file: S, line: 2, column: 'bank', message: 'bank hsbc is not defined in banks.csv' } },
  { name: 'bank in the wrong case', files: { [S]: survey([row('r1', { bank: 'CMB' })]) }, error: { file: S, line: 2, column: 'bank', message: /did you mean cmb/ } },
  {
    name: 'duplicate respondent within a wave and bank',
    files: { [S]: survey([row('r1'), row('r2'), row('r1')]) },
    error: { file: S, line: 4, column: 'respondent_id', message: /r1 appears twice for bank cmb in 2025Q3 \(first at line 2\)/ },
    rejected: 1,
  },
  { name: 'same respondent id at another bank is fine', files: { [S]: survey([row('r1'), row('r1', { bank: 'pab' })]) } },
  {
    name: 'duplicate respondent across two files of the same wave',
    files: { 'survey/2025Q3_a.csv': survey([row('r1')]), 'survey/2025Q3_b.csv': survey([row('r2'), row('r1')]) },
    error: { file: 'survey/2025Q3_b.csv', line: 3, column: 'respondent_id', message: /first at .*survey\/2025Q3_a\.csv:2/ },
  },
  { name: 'empty respondent id', files: { [S]: survey([row('r1'), row('')]) }, error: { file: S, line: 3, column: 'respondent_id', message: 'respondent_id is required' } },
  {
    name: 'unknown perf_ suffix',
    files: { [S]: survey([row('r1', {}, SURVEY_HEADER + ',perf_parking')], SURVEY_HEADER + ',perf_parking') },
    error: { file: S, line: 1, column: 'perf_parking', message: /attribute parking is not defined in attributes.csv/ },
    rejected: 1,
  },
  {
    name: 'unknown imp_ suffix',
    files: { [S]: survey([row('r1', {}, SURVEY_HEADER + ',imp_vip')], SURVEY_HEADER + ',imp_vip') },
    error: { file: S, line: 1, column: 'imp_vip', message: /attribute vip is not defined/ },
  },
  {
    name: 'unknown emo_ suffix',
    files: { [S]: survey([row('r1', {}, SURVEY_HEADER + ',emo_exit')], SURVEY_HEADER + ',emo_exit') },
    error: { file: S, line: 1, column: 'emo_exit', message: /stage exit is not defined in stages.csv/ },
  },
  { name: 'unknown plain column is only a warning', files: { [S]: survey([row('r1', {}, SURVEY_HEADER + ',age')], SURVEY_HEADER + ',age') } },
  {
    name: 'missing respondent_id column',
    files: { [S]: survey(['2025Q3,cmb,8'], 'quarter,bank,overall') },
    error: { file: S, line: 1, column: 'respondent_id', message: 'required column respondent_id is missing from the header' },
  },
  {
    name: 'a column twice in the header',
    files: { [S]: survey(['r1,2025Q3,cmb,8,9'], 'respondent_id,quarter,bank,overall,Overall') },
    error: { file: S, line: 1, column: 'Overall', message: /appears twice/ },
  },
  {
    name: 'survey without banks.csv',
    files: { 'banks.csv': null, [S]: survey([row('r1')]) },
    error: { file: S, message: /banks.csv is missing/ },
    rejected: 1,
  },
  {
    name: 'survey without attributes.csv',
    files: { 'attributes.csv': null, [S]: survey([row('r1')]) },
    error: { file: S, message: /attributes.csv is missing/ },
  },
  {
    name: 'emo_ columns without stages.csv',
    files: { 'stages.csv': null, 'attributes.csv': 'attribute_id,label_zh,label_en,scale_min,scale_max\nqueue,排队,Queue,1,10\nstaff,员工,Staff,1,10\n', [S]: survey([row('r1')]) },
    error: { file: S, line: 1, column: 'emo_onboard', message: /needs stages.csv/ },
  },

  // --- survey: experience-quality levels, served and preferred channels
  {
    name: 'levels and preferred channels: non-integers, missing markers and every channel accepted',
    files: journey([
      jrow('r1'),
      jrow('r2', { lvl_needs: '1', lvl_ease: '5', lvl_enjoy: '2.5', pref_open_account: 'NA', pref_transfer: ' phone ', channel: 'web' }),
      jrow('r3', { lvl_needs: '', lvl_ease: 'N/A', lvl_enjoy: '-', pref_open_account: '', pref_transfer: '—', channel: '' }),
    ]),
  },
  {
    name: 'experience-quality level above 5',
    files: journey([jrow('r1'), jrow('r2', { lvl_ease: '6' })]),
    error: { file: S, line: 3, column: 'lvl_ease', message: 'value 6 is outside 1–5 (experience-quality agreement scale)' },
    rejected: 1,
  },
  {
    name: 'experience-quality level below 1',
    files: journey([jrow('r1', { lvl_needs: '0' })]),
    error: { file: S, line: 2, column: 'lvl_needs', message: 'value 0 is outside 1–5 (experience-quality agreement scale)' },
  },
  {
    name: 'experience-quality level that is not a number',
    files: journey([jrow('r1', { lvl_enjoy: 'agree' })]),
    error: { file: S, line: 2, column: 'lvl_enjoy', message: /value agree is not a number: expected 1–5/ },
  },
  {
    name: 'levels need no other file',
    files: { [S]: survey([row('r1', { lvl_needs: '5' }, SURVEY_HEADER + ',lvl_needs')], SURVEY_HEADER + ',lvl_needs') },
  },
  {
    name: 'unknown lvl_ suffix',
    files: { [S]: survey([row('r1', {}, SURVEY_HEADER + ',lvl_fun')], SURVEY_HEADER + ',lvl_fun') },
    error: { file: S, line: 1, column: 'lvl_fun', message: 'lvl_fun is not an experience-quality level: the lvl_ columns are lvl_needs, lvl_ease, lvl_enjoy' },
    rejected: 1,
  },
  {
    name: 'preferred channel not in channels.csv',
    files: journey([jrow('r1'), jrow('r2'), jrow('r3', { pref_transfer: 'fax' })]),
    error: { file: S, line: 4, column: 'pref_transfer', message: 'channel fax is not in channels.csv (branch, app, web, phone)' },
    rejected: 1,
  },
  {
    name: 'preferred channel in the wrong case',
    files: journey([jrow('r1', { pref_open_account: 'Branch' })]),
    error: { file: S, line: 2, column: 'pref_open_account', message: 'channel Branch is not in channels.csv (branch, app, web, phone) (ids are case-sensitive: did you mean branch?)' },
  },
  {
    name: 'served channel not in channels.csv',
    files: journey([jrow('r1', { channel: 'wechat' })]),
    error: { file: S, line: 2, column: 'channel', message: 'channel wechat is not in channels.csv (branch, app, web, phone)' },
  },
  {
    name: 'segment not in segments.csv',
    files: { 'segments.csv': SEGMENTS, [S]: survey([row('r1'), row('r2', { segment: 'mass' })]) },
    error: { file: S, line: 3, column: 'segment', message: 'segment mass is not in segments.csv (retail, private)' },
  },
  {
    name: 'segment in the wrong case',
    files: { 'segments.csv': SEGMENTS, [S]: survey([row('r1', { segment: 'Retail' })]) },
    error: { file: S, line: 2, column: 'segment', message: 'segment Retail is not in segments.csv (retail, private) (ids are case-sensitive: did you mean retail?)' },
  },
  {
    name: 'duplicate segment id',
    files: { 'segments.csv': `${SEGMENTS}retail,零售,Retail again,3\n`, [S]: survey([row('r1')]) },
    error: { file: 'segments.csv', line: 4, column: 'segment_id', message: /segment_id retail is a duplicate/ },
  },
  {
    name: 'served channel is free text without channels.csv',
    files: { [S]: survey([row('r1', { channel: '微信银行' }), row('r2', { channel: '"Branch (Shenzhen, Futian)"' })]) },
  },
  {
    name: 'channels.csv without preferred channels in the survey',
    files: { 'channels.csv': CHANNELS, [S]: survey([row('r1', { channel: 'app' })]) },
  },
  {
    name: 'unknown pref_ suffix',
    files: journey([jrow('r1', {}, JOURNEY_HEADER + ',pref_fx')], JOURNEY_HEADER + ',pref_fx'),
    error: { file: S, line: 1, column: 'pref_fx', message: 'task fx is not defined in tasks.csv (pref_ columns must end with a task_id)' },
    rejected: 1,
  },
  {
    name: 'pref_ columns without tasks.csv',
    files: { ...journey([jrow('r1')]), 'tasks.csv': null },
    error: { file: S, line: 1, column: 'pref_open_account', message: 'pref_open_account needs tasks.csv, which is missing' },
    rejected: 1,
  },
  {
    name: 'pref_ columns without channels.csv',
    files: { ...journey([jrow('r1'), jrow('r2')]), 'channels.csv': null },
    error: {
      file: S,
      line: 1,
      column: 'pref_open_account',
      message: 'channels.csv is missing: it is needed to check the preferred channels in the pref_ columns; add channels.csv (channel_id, label_zh, label_en) listing every channel',
    },
    rejected: 2,
  },

  // --- tasks and channels
  { name: 'tasks without order', files: { 'tasks.csv': 'task_id,label_zh,label_en\ntransfer,转账,Transfer\nloan_inquiry,贷款咨询,Loan inquiry\n' } },
  { name: 'task id that is not a slug', files: { 'tasks.csv': 'task_id,label_zh,label_en\nOpen Account,开户,Open an account\n' }, error: { file: 'tasks.csv', line: 2, column: 'task_id', message: /task_id "Open Account" is not a valid id/ } },
  { name: 'duplicate task id', files: { 'tasks.csv': TASKS + 'transfer,转账,Transfer,4\n' }, error: { file: 'tasks.csv', line: 5, column: 'task_id', message: 'task_id transfer is a duplicate (first defined at line 3); ids must be unique' }, rejected: 1 },
  { name: 'task order not a whole number', files: { 'tasks.csv': 'task_id,label_zh,label_en,order\ntransfer,转账,Transfer,1.5\n' }, error: { file: 'tasks.csv', line: 2, column: 'order', message: 'value 1.5 is not a whole number' } },
  { name: 'task without an English label', files: { 'tasks.csv': 'task_id,label_zh,label_en\ntransfer,转账,\n' }, error: { file: 'tasks.csv', line: 2, column: 'label_en', message: 'label_en is required' } },
  { name: 'tasks.csv without label_zh', files: { 'tasks.csv': 'task_id,label_en\ntransfer,Transfer\n' }, error: { file: 'tasks.csv', line: 1, column: 'label_zh', message: 'required column label_zh is missing from the header' } },
  { name: 'duplicate channel id', files: { 'channels.csv': CHANNELS + 'app,App,App,5\n' }, error: { file: 'channels.csv', line: 6, column: 'channel_id', message: /channel_id app is a duplicate \(first defined at line 3\)/ } },
  { name: 'channel id that is not a slug', files: { 'channels.csv': 'channel_id,label_zh,label_en\nWeChat,微信,WeChat\n' }, error: { file: 'channels.csv', line: 2, column: 'channel_id', message: /not a valid id.*\(write it as wechat\)/ } },

  // --- themes
  {
    name: 'valid themes: keywords in one or both languages, spaces and repeats tidied',
    files: themes(['waiting,排队等候,Waiting time,排队; 等待 ;;排队,wait;Queue', 'fees,收费,Fees,手续费,', "staff,服务态度,Staff attitude,,rude;don't care;well-trained"]),
  },
  {
    name: 'theme without keywords',
    files: themes(['waiting,排队等候,Waiting time,排队,wait', 'fees,收费,Fees, ; ,']),
    error: { file: 'themes.csv', line: 3, column: 'keywords_zh', message: 'theme fees has no keywords: give at least one in keywords_zh or keywords_en (;-separated, e.g. 排队;等待 and wait;queue)' },
    rejected: 1,
  },
  {
    name: 'Chinese keyword among the English ones',
    files: themes(['waiting,排队等候,Waiting time,,wait;排队']),
    error: { file: 'themes.csv', line: 2, column: 'keywords_en', message: "keyword 排队 is not an English word or phrase: use letters a–z, digits, spaces, - and ' (Chinese keywords go in keywords_zh)" },
  },
  {
    name: 'English keyword with regular-expression characters',
    files: themes(['app,APP,App,,crash.*']),
    error: { file: 'themes.csv', line: 2, column: 'keywords_en', message: /keyword crash\.\* is not an English word/ },
  },
  { name: 'duplicate theme id', files: themes(['fees,收费,Fees,收费,fee', 'fees,手续费,Fees,手续费,charge']), error: { file: 'themes.csv', line: 3, column: 'theme_id', message: /theme_id fees is a duplicate/ } },
  {
    name: 'themes.csv without keyword columns',
    files: themes(['fees,收费,Fees'], 'theme_id,label_zh,label_en'),
    error: { file: 'themes.csv', line: 1, column: 'keywords_zh', message: /required column keywords_zh or keywords_en is missing from the header/ },
    rejected: 1,
  },

  // --- rows that cannot be split
  {
    name: 'too many fields',
    files: { [S]: survey([row('r1'), row('r2', { comment: 'slow, but fine' })]) },
    error: { file: S, line: 3, message: /the row has 16 fields but the header has 15/ },
  },
  {
    name: 'too few fields',
    files: { [S]: survey([row('r1'), 'r2,2025Q3,cmb']) },
    error: { file: S, line: 3, message: /the row has 3 fields but the header has 15/ },
  },
  {
    name: 'unterminated quote',
    files: { [S]: survey([row('r1'), row('r2'), row('r3', { comment: '"never closed' }), row('r4')]) },
    error: { file: S, line: 4, column: 'comment', message: /unterminated quote/ },
  },
  {
    name: 'stray quote after a quoted value',
    files: { [S]: survey([row('r1', { comment: '"quoted"tail' })]) },
    error: { file: S, line: 2, message: /malformed quotes/ },
  },

  // --- banks
  { name: 'bank id that is not a slug', files: { 'banks.csv': 'bank_id,name_zh,name_en\ncmb,招商银行,CMB\nPing An,平安银行,Ping An\n' }, error: { file: 'banks.csv', line: 3, column: 'bank_id', message: /not a valid id: use only lowercase letters/ } },
  { name: 'duplicate bank id', files: { 'banks.csv': 'bank_id,name_zh,name_en\ncmb,招商银行,CMB\ncmb,招行,CMB\n' }, error: { file: 'banks.csv', line: 3, column: 'bank_id', message: /duplicate \(first defined at line 2\)/ } },
  { name: 'bad bank color', files: { 'banks.csv': 'bank_id,name_zh,name_en,color\ncmb,招商银行,CMB,red\n' }, error: { file: 'banks.csv', line: 2, column: 'color', message: /not a #rrggbb hex color/ } },
  { name: 'bank without a name', files: { 'banks.csv': 'bank_id,name_zh,name_en\ncmb,,CMB\n' }, error: { file: 'banks.csv', line: 2, column: 'name_zh', message: 'name_zh is required' } },
  { name: 'banks.csv without name_en', files: { 'banks.csv': 'bank_id,name_zh\ncmb,招商银行\n' }, error: { file: 'banks.csv', line: 1, column: 'name_en', message: /required column name_en/ } },

  // --- attributes
  { name: 'scale_min not below scale_max', files: { 'attributes.csv': 'attribute_id,label_zh,label_en,scale_min,scale_max\nqueue,排队,Queue,10,1\n' }, error: { file: 'attributes.csv', line: 2, column: 'scale_max', message: /must be greater than scale_min/ } },
  { name: 'scale that is not a number', files: { 'attributes.csv': 'attribute_id,label_zh,label_en,scale_min,scale_max\nqueue,排队,Queue,1,ten\n' }, error: { file: 'attributes.csv', line: 2, column: 'scale_max', message: /not a number/ } },
  { name: 'attribute with an unknown stage', files: { 'attributes.csv': 'attribute_id,label_zh,label_en,stage_id,scale_min,scale_max\nqueue,排队,Queue,exit,1,10\n' }, error: { file: 'attributes.csv', line: 2, column: 'stage_id', message: 'stage_id exit is not defined in stages.csv' } },
  { name: 'attribute with a stage but no stages.csv', files: { 'stages.csv': null, 'attributes.csv': 'attribute_id,label_zh,label_en,stage_id,scale_min,scale_max\nqueue,排队,Queue,onboard,1,10\n' }, error: { file: 'attributes.csv', line: 2, column: 'stage_id', message: /stages.csv is missing/ } },
  { name: 'unknown dimension', files: { 'attributes.csv': 'attribute_id,label_zh,label_en,dimension,scale_min,scale_max\nqueue,排队,Queue,speed,1,10\n' }, error: { file: 'attributes.csv', line: 2, column: 'dimension', message: /not one of tangibles, reliability/ } },
  { name: 'NA code inside the scale', files: { 'attributes.csv': 'attribute_id,label_zh,label_en,scale_min,scale_max,na_codes\nqueue,排队,Queue,1,10,5;99\n' }, error: { file: 'attributes.csv', line: 2, column: 'na_codes', message: /NA code 5 lies inside the scale/ } },
  { name: 'duplicate attribute id', files: { 'attributes.csv': 'attribute_id,label_zh,label_en,scale_min,scale_max\nqueue,排队,Queue,1,10\nqueue,排队,Queue,1,10\n' }, error: { file: 'attributes.csv', line: 3, column: 'attribute_id', message: /duplicate/ } },

  // --- stages
  { name: 'order not an integer', files: { 'stages.csv': 'stage_id,order,label_zh,label_en,moment_of_truth\ndiscover,1.5,了解,Discover,false\nonboard,2,开户,Onboard,true\nuse,3,使用,Use,no\n' }, error: { file: 'stages.csv', line: 2, column: 'order', message: /not a whole number/ } },
  { name: 'moment_of_truth not a boolean', files: { 'stages.csv': 'stage_id,order,label_zh,label_en,moment_of_truth\ndiscover,1,了解,Discover,maybe\nonboard,2,开户,Onboard,yes\nuse,3,使用,Use,0\n' }, error: { file: 'stages.csv', line: 2, column: 'moment_of_truth', message: /not true or false/ } },
  { name: 'duplicate stage id', files: { 'stages.csv': 'stage_id,order,label_zh,label_en\ndiscover,1,了解,Discover\ndiscover,2,了解,Discover\nonboard,3,开户,Onboard\nuse,4,使用,Use\n' }, error: { file: 'stages.csv', line: 3, column: 'stage_id', message: /duplicate/ } },

  // --- servqual
  { name: 'valid servqual with customers and managers', files: { 'servqual/2025Q3.csv': servqual([sq('c1', 'customer'), sq('m1', 'manager')]) } },
  { name: 'unknown role', files: { 'servqual/2025Q3.csv': servqual([sq('c1', 'customer'), sq('x1', 'boss')]) }, error: { file: 'servqual/2025Q3.csv', line: 3, column: 'role', message: /role boss is not one of customer, manager/ } },
  {
    name: 'manager with a perception answer',
    files: { 'servqual/2025Q3.csv': servqual([sq('m1', 'manager', { [4 + 22 + 4]: '5' })]) },
    error: { file: 'servqual/2025Q3.csv', line: 2, column: 'p05', message: /p05 must be empty for role manager/ },
  },
  { name: 'expectation above 7', files: { 'servqual/2025Q3.csv': servqual([sq('c1', 'customer', { 6: '8' })]) }, error: { file: 'servqual/2025Q3.csv', line: 2, column: 'e03', message: /outside 1–7 \(SERVQUAL scale\)/ } },
  { name: 'an item beyond the 22', files: { 'servqual/2025Q3.csv': servqual([[...sq('c1', 'customer'), '5']], [...SQ_HEAD, 'e23']) }, error: { file: 'servqual/2025Q3.csv', line: 1, column: 'e23', message: /item 23 is not a SERVQUAL item/ } },
  {
    name: 'an expectation column missing',
    files: { 'servqual/2025Q3.csv': servqual([sq('c1', 'customer').filter((_v, i) => i !== 8)], SQ_HEAD.filter((_v, i) => i !== 8)) },
    error: { file: 'servqual/2025Q3.csv', line: 1, column: 'e05', message: /required column e05 is missing/ },
  },
  {
    name: 'importance points not summing to 100',
    files: { 'servqual/2025Q3.csv': servqual([sq('c1', 'customer', {}, ['20', '20', '20', '20', '20']), sq('c2', 'customer', {}, ['20', '20', '20', '20', '10'])], [...SQ_HEAD, ...W_HEAD]) },
    error: { file: 'servqual/2025Q3.csv', line: 3, column: 'w_tangibles', message: 'importance points w_tangibles…w_empathy sum to 90; they must sum to 100 (± 0.5)' },
    rejected: 1,
  },
  {
    name: 'importance points within 0.5 of 100 are fine',
    files: { 'servqual/2025Q3.csv': servqual([sq('c1', 'customer', {}, ['33.3', '33.3', '33.3', '0', '0']), sq('c2', 'customer', {}, ['', '', '', '', ''])], [...SQ_HEAD, ...W_HEAD]) },
  },
  {
    name: 'importance points given for some dimensions only',
    files: { 'servqual/2025Q3.csv': servqual([sq('c1', 'customer', {}, ['50', '50', '', '', ''])], [...SQ_HEAD, ...W_HEAD]) },
    error: { file: 'servqual/2025Q3.csv', line: 2, column: 'w_responsiveness', message: /incomplete/ },
  },
  {
    name: 'custom servqual items',
    files: {
      'servqual_items.csv': 'item_id,dimension,label_zh,label_en\n1,tangibles,设备,Equipment\n2,empathy,关怀,Care\n',
      'servqual/2025Q3.csv': 'respondent_id,quarter,bank,role,e01,e02,p01,p02\nc1,2025Q3,cmb,customer,6,7,5,6\n',
    },
  },
  { name: 'servqual item with a bad dimension', files: { 'servqual_items.csv': 'item_id,dimension,label_zh,label_en\n1,tangibles,设备,Equipment\n2,speed,速度,Speed\n' }, error: { file: 'servqual_items.csv', line: 3, column: 'dimension', message: /not one of/ } },
  { name: 'duplicate servqual item', files: { 'servqual_items.csv': 'item_id,dimension,label_zh,label_en\n1,tangibles,设备,Equipment\n1,empathy,关怀,Care\n' }, error: { file: 'servqual_items.csv', line: 3, column: 'item_id', message: /duplicate/ } },
  { name: 'servqual without banks.csv', files: { 'banks.csv': null, 'servqual/2025Q3.csv': servqual([sq('c1', 'customer')]) }, error: { file: 'servqual/2025Q3.csv', message: /banks.csv is missing/ } },
  {
    name: 'servqual weights: empty means 1, decimals are fine',
    files: { [SQ]: servqual([[...sq('c1', 'customer'), '1.25'], [...sq('c2', 'customer'), ''], [...sq('m1', 'manager'), 'NA']], [...SQ_HEAD, 'weight']) },
  },
  {
    name: 'servqual weight zero',
    files: { [SQ]: servqual([[...sq('c1', 'customer'), '0.8'], [...sq('c2', 'customer'), '0']], [...SQ_HEAD, 'weight']) },
    error: { file: SQ, line: 3, column: 'weight', message: 'value 0 is not greater than 0' },
    rejected: 1,
  },
  {
    name: 'servqual weight that is not a number',
    files: { [SQ]: servqual([[...sq('c1', 'customer'), 'heavy']], [...SQ_HEAD, 'weight']) },
    error: { file: SQ, line: 2, column: 'weight', message: /value heavy is not a number: expected greater than 0/ },
  },

  // --- servqual_provider
  {
    name: 'valid provider measures: all three measures, item 05, quarter from the file name, n and note optional',
    files: {
      ...QUESTIONNAIRE,
      [PV]: provider([
        pv({ measure: 'specification', item: '05', value: '6', source: '服务标准手册 2026版 / service standards manual', n: '' }),
        pv({ quarter: '', value: '5.35', note: '"visits in Shenzhen, Guangzhou"' }),
        pv({ measure: 'promised', value: '6.5', source: 'marketing campaign audit', n: '32' }),
        pv({ measure: 'Delivered', item: '22', value: '4' }),
      ]),
    },
  },
  {
    name: 'provider item that is not a SERVQUAL item',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv(), pv({ item: '23' })]) },
    error: { file: PV, line: 3, column: 'item', message: 'item 23 is not a SERVQUAL item (the standard items are 1–22)' },
    rejected: 1,
  },
  {
    name: 'provider item written as a column name',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv({ item: 'e05' })]) },
    error: { file: PV, line: 2, column: 'item', message: 'item e05 is not an item number: write the number of a SERVQUAL item (e.g. 5 for the e05/p05 columns)' },
  },
  {
    name: 'provider item outside custom servqual items',
    files: {
      'servqual_items.csv': 'item_id,dimension,label_zh,label_en\n1,tangibles,设备,Equipment\n2,empathy,关怀,Care\n',
      [SQ]: 'respondent_id,quarter,bank,role,e01,e02,p01,p02\nc1,2025Q3,cmb,customer,6,7,5,6\n',
      [PV]: provider([pv({ item: '2' }), pv({ item: '3' })]),
    },
    error: { file: PV, line: 3, column: 'item', message: 'item 3 is not a SERVQUAL item (see servqual_items.csv)' },
  },
  {
    name: 'the same bank, quarter, measure and item twice',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv(), pv({ measure: 'promised' }), pv({ item: '005', value: '5.6' })]) },
    error: { file: PV, line: 4, column: 'item', message: 'item 5 has a second delivered value for bank cmb in 2025Q3 (first at line 2); keep one value per bank, quarter, measure and item' },
    rejected: 1,
  },
  {
    name: 'the same measure twice across provider files',
    files: { ...QUESTIONNAIRE, 'servqual_provider/2025Q3_audit.csv': provider([pv()]), 'servqual_provider/2025Q3_visits.csv': provider([pv({ item: '6' }), pv()]) },
    error: { file: 'servqual_provider/2025Q3_visits.csv', line: 3, column: 'item', message: /first at .*servqual_provider\/2025Q3_audit\.csv:2\)/ },
  },
  {
    name: 'provider value above the SERVQUAL scale',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv(), pv({ item: '6', value: '7.5' })]) },
    error: { file: PV, line: 3, column: 'value', message: 'value 7.5 is outside 1–7 (SERVQUAL scale)' },
  },
  {
    name: 'provider value missing',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv({ value: 'NA' })]) },
    error: { file: PV, line: 2, column: 'value', message: 'value is required' },
  },
  {
    name: 'unknown provider measure',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv({ measure: 'perceived' })]) },
    error: { file: PV, line: 2, column: 'measure', message: 'measure perceived is not one of specification, delivered, promised' },
  },
  {
    name: 'provider bank not in banks.csv',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv({ bank: 'hsbc' })]) },
    error: { file: PV, line: 2, column: 'bank', message: 'bank hsbc is not defined in banks.csv' },
  },
  {
    name: 'provider measure without a source',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv(), pv({ item: '6', source: ' ' })]) },
    error: { file: PV, line: 3, column: 'source', message: /^source is required: say where the figure comes from/ },
  },
  {
    name: 'provider file without a source column',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv({}, 'quarter,bank,measure,item,value')], 'quarter,bank,measure,item,value') },
    error: { file: PV, line: 1, column: 'source', message: /required column source is missing from the header; every provider measure needs its source/ },
    rejected: 1,
  },
  {
    name: 'provider n that is not a positive whole number',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv({ n: '0' }), pv({ item: '6', n: '2.5' })]) },
    error: { file: PV, line: 2, column: 'n', message: 'value 0 is not at least 1' },
    rejected: 2,
  },
  {
    name: 'provider quarter contradicts the file name',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv({ quarter: '2025Q4' })]) },
    error: { file: PV, line: 2, column: 'quarter', message: /does not match the quarter 2025Q3/ },
  },
  {
    name: 'provider file without a quarter',
    files: { ...QUESTIONNAIRE, 'servqual_provider/audit.csv': provider([pv({}, 'bank,measure,item,value,source')], 'bank,measure,item,value,source') },
    error: { file: 'servqual_provider/audit.csv', line: 1, column: 'quarter', message: /required column quarter is missing/ },
  },
  {
    name: 'provider measures for a bank without questionnaires in that quarter',
    files: { ...QUESTIONNAIRE, [PV]: provider([pv(), pv({ bank: 'pab' }), pv({ bank: 'pab', item: '6' })]) },
    error: {
      file: PV,
      line: 3,
      column: 'bank',
      message: "bank pab has provider measures for 2025Q3 but servqual/*.csv has no questionnaire for that bank and quarter; gaps 2–4 are measured against the questionnaire's items",
    },
    rejected: 2,
  },
  {
    name: 'provider measures for a quarter without questionnaires',
    files: { ...QUESTIONNAIRE, 'servqual_provider/2025Q4.csv': provider([pv({ quarter: '2025Q4' })]) },
    error: { file: 'servqual_provider/2025Q4.csv', line: 2, column: 'bank', message: /^bank cmb has provider measures for 2025Q4 but servqual\/\*\.csv has no questionnaire/ },
  },
  {
    name: 'provider measures without any servqual folder',
    files: { [PV]: provider([pv(), pv({ item: '6' })]) },
    error: { file: PV, message: /^servqual\/\*\.csv is missing: provider measures \(gaps 2–4\)/ },
    rejected: 2,
  },
  {
    name: 'provider measures without banks.csv',
    files: { 'banks.csv': null, ...QUESTIONNAIRE, [PV]: provider([pv()]) },
    error: { file: SQ, message: /banks.csv is missing/ },
  },

  // --- servqual_opinions
  {
    name: 'valid opinions: optional columns empty, any text kept',
    files: {
      [OP]: opinions([
        'o1,1,staff,cmb,2025Q3,responsiveness,"领导不知道客户最在乎的是等多久, not the décor"',
        ',5,customer,,,,<b>=1+1</b>',
        'o3,4,manager,pab,2025q3,,"""7x24"" is what the ad says"',
      ]),
    },
  },
  { name: 'opinion gap 6', files: { [OP]: opinions(['o1,1,staff,,,,ok', 'o2,6,staff,,,,ok']) }, error: { file: OP, line: 3, column: 'gap', message: 'value 6 is outside 1–5 (the five gaps of the SERVQUAL model)' } },
  { name: 'opinion gap missing', files: { [OP]: opinions(['o1,,staff,,,,ok']) }, error: { file: OP, line: 2, column: 'gap', message: 'gap is required' } },
  { name: 'opinion gap not whole', files: { [OP]: opinions(['o1,2.5,staff,,,,ok']) }, error: { file: OP, line: 2, column: 'gap', message: 'value 2.5 is not a whole number' } },
  { name: 'opinion role unknown', files: { [OP]: opinions(['o1,1,employee,,,,ok']) }, error: { file: OP, line: 2, column: 'role', message: 'role employee is not one of customer, staff, manager' } },
  { name: 'opinion without text', files: { [OP]: opinions(['o1,1,staff,,,,ok', 'o2,1,staff,,,,"  "']) }, error: { file: OP, line: 3, column: 'text', message: 'text is required: the opinion as said or written' } },
  { name: 'opinion bank unknown', files: { [OP]: opinions(['o1,1,staff,hsbc,,,ok']) }, error: { file: OP, line: 2, column: 'bank', message: 'bank hsbc is not defined in banks.csv' } },
  { name: 'opinion bank without banks.csv', files: { 'banks.csv': null, [OP]: opinions(['o1,1,staff,,,,ok', 'o2,1,staff,cmb,,,ok']) }, error: { file: OP, line: 3, column: 'bank', message: /cannot be checked because banks.csv is missing/ } },
  { name: 'opinion quarter malformed', files: { [OP]: opinions(['o1,1,staff,,2025-Q3,,ok']) }, error: { file: OP, line: 2, column: 'quarter', message: /quarter 2025-Q3 is not in the form YYYYQn/ } },
  { name: 'opinion dimension unknown', files: { [OP]: opinions(['o1,1,staff,,,speed,ok']) }, error: { file: OP, line: 2, column: 'dimension', message: /dimension speed is not one of tangibles/ } },
  {
    name: 'opinion id twice',
    files: { [OP]: opinions(['o1,1,staff,,,,ok', 'o2,1,staff,,,,ok', 'o1,2,manager,,,,ok']) },
    error: { file: OP, line: 4, column: 'opinion_id', message: 'opinion_id o1 is a duplicate (first defined at line 2); ids must be unique' },
    rejected: 1,
  },
  { name: 'opinions without a gap column', files: { [OP]: opinions(['staff,ok'], 'role,text') }, error: { file: OP, line: 1, column: 'gap', message: 'required column gap is missing from the header' } },

  // --- metrics and metric_defs
  { name: 'valid metrics of every grain', files: { 'metrics/ops.csv': 'bank,period,metric,value,source,note\ncmb,2024,complaints,3.1,,\ncmb,2024Q4,complaints,2.9,,\ncmb,2024-12,app_mau,78.2,https://example.com,\n' } },
  { name: 'bad period', files: { 'metrics/ops.csv': 'bank,period,metric,value\ncmb,2024,complaints,3\ncmb,2024/12,complaints,3\n' }, error: { file: 'metrics/ops.csv', line: 3, column: 'period', message: /not YYYY, YYYYQn or YYYY-MM/ } },
  { name: 'month 13', files: { 'metrics/ops.csv': 'bank,period,metric,value\ncmb,2024-13,complaints,3\n' }, error: { file: 'metrics/ops.csv', line: 2, column: 'period', message: /not YYYY, YYYYQn or YYYY-MM/ } },
  { name: 'unknown metric', files: { 'metrics/ops.csv': 'bank,period,metric,value\ncmb,2024,nps,30\n' }, error: { file: 'metrics/ops.csv', line: 2, column: 'metric', message: 'metric nps is not defined in metric_defs.csv' } },
  { name: 'metric value not a number', files: { 'metrics/ops.csv': 'bank,period,metric,value\ncmb,2024,complaints,n.a.\n' }, error: { file: 'metrics/ops.csv', line: 2, column: 'value', message: /not a number/ } },
  { name: 'metric value missing', files: { 'metrics/ops.csv': 'bank,period,metric,value\ncmb,2024,complaints,\n' }, error: { file: 'metrics/ops.csv', line: 2, column: 'value', message: 'value is required' } },
  {
    name: 'metric given twice across files',
    files: { 'metrics/a.csv': 'bank,period,metric,value\ncmb,2024,complaints,3\n', 'metrics/b.csv': 'bank,period,metric,value\npab,2024,complaints,3\ncmb,2024,complaints,4\n' },
    error: { file: 'metrics/b.csv', line: 3, column: 'metric', message: /given twice \(first at .*metrics\/a\.csv:2\)/ },
  },
  { name: 'metrics without metric_defs.csv', files: { 'metric_defs.csv': null, 'metrics/ops.csv': 'bank,period,metric,value\ncmb,2024,complaints,3\n' }, error: { file: 'metrics/ops.csv', message: /metric_defs.csv is missing/ } },
  { name: 'bad direction', files: { 'metric_defs.csv': 'metric_id,label_zh,label_en,unit,direction\ncomplaints,投诉,Complaints,件,down\n' }, error: { file: 'metric_defs.csv', line: 2, column: 'direction', message: /not one of higher_better, lower_better, neutral/ } },
  { name: 'bad d3 format', files: { 'metric_defs.csv': 'metric_id,label_zh,label_en,unit,direction,format\ncomplaints,投诉,Complaints,件,neutral,.1q\n' }, error: { file: 'metric_defs.csv', line: 2, column: 'format', message: /not a d3-format specifier/ } },

  // --- folder
  { name: 'a stray CSV next to the contract files is only a warning', files: { 'notes.csv': 'a,b\n1,2\n' } },
];

describe('contract rules', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const dir = makeFolder(c.files);
      const result = await checkDataFolder(dir);
      const first = firstError(result);
      if (!c.error) {
        expect(first, first ? `${first.file}:${first.line}: ${first.message}` : '').toBeUndefined();
        expect(result.ok).toBe(true);
        for (const f of result.files) expect(f.rowsRejected).toBe(0);
        return;
      }
      expect(result.ok).toBe(false);
      expect(first).toBeDefined();
      expect(first!.file.endsWith(c.error.file)).toBe(true);
      expect(first!.line).toBe(c.error.line);
      expect(first!.column).toBe(c.error.column);
      if (typeof c.error.message === 'string') expect(first!.message).toBe(c.error.message);
      else expect(first!.message).toMatch(c.error.message);
      if (c.rejected !== undefined) expect(fileReport(result, c.error.file).rowsRejected).toBe(c.rejected);
      for (const f of result.files) expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsRejected);
    });
  }
});
