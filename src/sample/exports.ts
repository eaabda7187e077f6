/**
 * Survey-platform exports of the same respondents, as Qualtrics, 问卷星 (wjx) and SurveyMonkey
 * write them (CSV) and as a 问卷星 Excel workbook, with the mapping of each, and the contract CSV
 * of those respondents: the worked examples under data/examples/imports/ and the fixtures the
 * import tests compare. Seeded: the same arguments give the same bytes.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';
import { createRng, type Rng } from './random.ts';

export const EXPORT_PLATFORMS = ['qualtrics', 'wjx', 'surveymonkey', 'xlsx'] as const;
export type ExportPlatform = (typeof EXPORT_PLATFORMS)[number];

/** Columns of the contract CSV the exports are compared with (the reference files of data/examples/). */
export const CONTRACT_COLUMNS = [
  'respondent_id', 'quarter', 'bank', 'segment', 'channel', 'overall', 'nps', 'csat', 'ces',
  'perf_queue', 'perf_staff', 'perf_app', 'lvl_needs', 'pref_transfer', 'comment',
] as const;

export interface Respondent {
  respondent_id: string;
  /** When the answers were recorded, local time. */
  recorded: { y: number; m: number; d: number; hh: number; mm: number; ss: number };
  bank: 'cmb' | 'pab' | 'icbc';
  segment: 'retail' | 'private' | 'sme';
  channel: 'branch' | 'app' | 'web' | 'phone' | 'wechat';
  overall: number;
  nps: number;
  csat: number | null;
  ces: number;
  perf_queue: number | null;
  perf_staff: number;
  perf_app: number | null;
  lvl_needs: number;
  pref_transfer: Respondent['channel'] | null;
  comment: string | null;
}

const BANK = { cmb: ['招商银行', 'China Merchants Bank'], pab: ['平安银行', 'Ping An Bank'], icbc: ['工商银行', 'ICBC'] } as const;
const SEGMENT = { retail: ['零售客户', 'Retail'], private: ['私人银行客户', 'Private banking'], sme: ['小微企业主', 'Small business owners'] } as const;
const CHANNEL = {
  branch: ['网点', 'Branch'],
  app: ['手机银行', 'Mobile app'],
  web: ['网上银行', 'Online banking'],
  phone: ['电话银行', 'Phone banking'],
  wechat: ['微信银行', 'WeChat banking'],
} as const;
const CSAT_ZH = ['非常不满意', '不满意', '一般', '满意', '非常满意'];
const CSAT_EN = ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'];
const AGREE_ZH = ['非常不同意', '不同意', '一般', '同意', '非常同意'];
const AGREE_EN = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
const COMMENTS = [
  '手机银行很好用，转账很快。',
  'Waited 40 minutes, but the staff were "very" helpful.',
  '排队太久了，\n希望多开几个窗口。',
  '=HYPERLINK("http://example.com")',
  'App froze twice at login; fees, charges, and more fees.',
  '<b>理财经理</b>很专业 👍',
];

const rating = (rng: Rng, lo: number, hi: number, centre: number): number => Math.max(lo, Math.min(hi, Math.round(centre + rng.normal() * (hi - lo) * 0.18)));

/** `n` respondents of one quarter, ids `<prefix>0001`…, recorded on days of that quarter. */
export function exportRespondents(n = 50, quarter = '2026Q4', seed = 15, prefix = 'c'): Respondent[] {
  const rng = createRng(seed, 'imports', quarter);
  const year = Number(quarter.slice(0, 4));
  const firstMonth = (Number(quarter.slice(5)) - 1) * 3 + 1;
  const out: Respondent[] = [];
  for (let i = 0; i < n; i++) {
    const mood = rng.normal();
    const m = firstMonth + rng.int(3);
    const r: Respondent = {
      respondent_id: `${prefix}${String(i + 1).padStart(4, '0')}`,
      recorded: { y: year, m, d: 1 + rng.int(28), hh: 8 + rng.int(12), mm: rng.int(60), ss: rng.int(60) },
      bank: rng.pick(['cmb', 'pab', 'icbc'] as const),
      segment: rng.pickWeighted(['retail', 'private', 'sme'] as const, [6, 2, 2]),
      channel: rng.pick(['branch', 'app', 'web', 'phone', 'wechat'] as const),
      overall: rating(rng, 1, 10, 7 + mood * 1.5),
      nps: rating(rng, 0, 10, 7.5 + mood * 2),
      csat: rng.chance(0.1) ? null : rating(rng, 1, 5, 3.8 + mood * 0.8),
      ces: rating(rng, 1, 7, 3 - mood),
      perf_queue: rng.chance(0.15) ? null : rating(rng, 1, 10, 6 + mood),
      perf_staff: rating(rng, 1, 10, 7.5 + mood),
      perf_app: rng.chance(0.2) ? null : rating(rng, 1, 10, 7 + mood),
      lvl_needs: rating(rng, 1, 5, 3.7 + mood * 0.7),
      pref_transfer: rng.chance(0.1) ? null : rng.pick(['branch', 'app', 'web', 'wechat'] as const),
      comment: rng.chance(0.4) ? null : rng.pick(COMMENTS),
    };
    // The ends of the scales occur in every file, so their labelled forms ("10 - Extremely likely") do too.
    if (i === 0) r.nps = 10;
    if (i === 1) r.nps = 0;
    out.push(r);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const quarterOf = (r: Respondent) => `${r.recorded.y}Q${Math.ceil(r.recorded.m / 3)}`;
const blank = (v: number | string | null) => (v === null ? '' : String(v));
const csv = (rows: string[][]): string => Papa.unparse(rows, { newline: '\r\n' }) + '\r\n';
const utf8Bom = (text: string): Uint8Array => new TextEncoder().encode('\uFEFF' + text);

/** The contract CSV of the respondents (UTF-8, LF): what every export must load as. */
export function contractCsv(rs: readonly Respondent[]): string {
  const rows = rs.map((r) => [
    r.respondent_id, quarterOf(r), r.bank, r.segment, r.channel, String(r.overall), String(r.nps), blank(r.csat), String(r.ces),
    blank(r.perf_queue), blank(r.perf_staff), blank(r.perf_app), String(r.lvl_needs), blank(r.pref_transfer), r.comment ?? '',
  ]);
  return Papa.unparse([[...CONTRACT_COLUMNS], ...rows], { newline: '\n' }) + '\n';
}

/** Qualtrics' "Download data → CSV, use choice text": three header rows, UTF-8 with BOM, CRLF. */
export function qualtricsCsv(rs: readonly Respondent[], seed = 15): Uint8Array {
  const rng = createRng(seed, 'qualtrics-ids');
  const meta = [
    ['StartDate', 'Start Date', '{"ImportId":"startDate","timeZone":"Asia/Shanghai"}'],
    ['EndDate', 'End Date', '{"ImportId":"endDate","timeZone":"Asia/Shanghai"}'],
    ['Status', 'Response Type', '{"ImportId":"status"}'],
    ['IPAddress', 'IP Address', '{"ImportId":"ipAddress"}'],
    ['Progress', 'Progress', '{"ImportId":"progress"}'],
    ['Duration (in seconds)', 'Duration (in seconds)', '{"ImportId":"duration"}'],
    ['Finished', 'Finished', '{"ImportId":"finished"}'],
    ['RecordedDate', 'Recorded Date', '{"ImportId":"recordedDate","timeZone":"Asia/Shanghai"}'],
    ['ResponseId', 'Response ID', '{"ImportId":"_recordId"}'],
    ['RecipientLastName', 'Recipient Last Name', '{"ImportId":"recipientLastName"}'],
    ['RecipientFirstName', 'Recipient First Name', '{"ImportId":"recipientFirstName"}'],
    ['RecipientEmail', 'Recipient Email', '{"ImportId":"recipientEmail"}'],
    ['ExternalReference', 'External Data Reference', '{"ImportId":"externalDataReference"}'],
    ['LocationLatitude', 'Location Latitude', '{"ImportId":"locationLatitude"}'],
    ['LocationLongitude', 'Location Longitude', '{"ImportId":"locationLongitude"}'],
    ['DistributionChannel', 'Distribution Channel', '{"ImportId":"distributionChannel"}'],
    ['UserLanguage', 'User Language', '{"ImportId":"userLanguage"}'],
  ];
  const questions = [
    ['Q1', 'Which bank did you visit?', '{"ImportId":"QID1"}'],
    ['Q2', 'Which of these describes you best? - Selected Choice', '{"ImportId":"QID2"}'],
    ['Q3', 'How did you contact us this time?', '{"ImportId":"QID3"}'],
    ['Q4', 'Overall, how satisfied are you with the bank? (1 = very dissatisfied, 10 = very satisfied)', '{"ImportId":"QID4"}'],
    ['Q5', 'How likely are you to recommend this bank to a friend or colleague?', '{"ImportId":"QID5_NPS_GROUP"}'],
    ['Q6', 'How satisfied were you with this visit?', '{"ImportId":"QID6"}'],
    ['Q7', 'How easy was it to get what you needed? (1 = very easy, 7 = very difficult)', '{"ImportId":"QID7"}'],
    ['Q8_1', 'Please rate the following (1 = very poor, 10 = excellent) - Waiting time', '{"ImportId":"QID8_1"}'],
    ['Q8_2', 'Please rate the following (1 = very poor, 10 = excellent) - Staff expertise', '{"ImportId":"QID8_2"}'],
    ['Q8_3', 'Please rate the following (1 = very poor, 10 = excellent) - Mobile app ease of use', '{"ImportId":"QID8_3"}'],
    ['Q9', 'The bank met my needs.', '{"ImportId":"QID9"}'],
    ['Q10', 'Which channel would you prefer for transferring money?', '{"ImportId":"QID10"}'],
    ['Q11', 'Is there anything else you would like to tell us?', '{"ImportId":"QID11_TEXT"}'],
  ];
  const cols = [...meta, ...questions];
  const nps = (v: number) => (v === 10 ? '10 - Extremely likely' : v === 0 ? '0 - Not at all likely' : String(v));
  const rows = rs.map((r) => {
    const { y, m, d, hh, mm, ss } = r.recorded;
    const end = `${y}-${pad(m)}-${pad(d)} ${pad(hh)}:${pad(mm)}:${pad(ss)}`;
    const start = `${y}-${pad(m)}-${pad(d)} ${pad(hh)}:${pad(Math.max(0, mm - 4))}:${pad(ss)}`;
    const id = `R_${Array.from({ length: 15 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789'[rng.int(58)]).join('')}`;
    return [
      start, end, 'IP Address', `10.${rng.int(255)}.${rng.int(255)}.${rng.int(255)}`, '100', String(120 + rng.int(500)), 'True', end, id,
      '', '', '', r.respondent_id, '', '', 'anonymous', 'EN',
      BANK[r.bank][1], SEGMENT[r.segment][1], CHANNEL[r.channel][1], r.overall === 1 ? '1 - Very dissatisfied' : r.overall === 10 ? '10 - Very satisfied' : String(r.overall),
      nps(r.nps), r.csat === null ? '' : CSAT_EN[r.csat - 1]!, String(r.ces), blank(r.perf_queue), blank(r.perf_staff), blank(r.perf_app),
      AGREE_EN[r.lvl_needs - 1]!, r.pref_transfer === null ? '' : CHANNEL[r.pref_transfer][1], r.comment ?? '',
    ];
  });
  return utf8Bom(csv([cols.map((c) => c[0]!), cols.map((c) => c[1]!), cols.map((c) => c[2]!), ...rows]));
}

const WJX_QUESTIONS = [
  '1、您办理业务的银行',
  '2、您属于哪类客户',
  '3、您本次通过哪个渠道办理业务',
  '4、总体而言，您对本行的满意程度（1-10分）',
  '5、您向亲友推荐本行的可能性有多大？',
  '6、您对本次服务的总体满意度',
  '7、办理业务的难易程度（1=非常容易，7=非常困难）',
  '8(排队等候时间)',
  '8(员工专业程度)',
  '8(手机银行易用性)',
  '9、本行满足了我的需求',
  '10、您更愿意通过哪个渠道转账汇款？',
  '11、您还有什么意见或建议？',
];
const WJX_HEADER = ['序号', '提交答卷时间', '所用时间', '来源', '来源详情', '来自IP', '自定义字段', ...WJX_QUESTIONS];
// 问卷星 names this segment 个人客户; segments.csv calls it 零售客户, so its mapping maps the answer.
const WJX_SEGMENT = { retail: '个人客户', private: '私人银行客户', sme: '小微企业主' } as const;

function wjxCells(r: Respondent, i: number, rng: Rng): (string | number | Date)[] {
  const { y, m, d, hh, mm, ss } = r.recorded;
  const nps = r.nps === 10 ? '10 - 非常愿意' : r.nps === 0 ? '0 - 完全不可能' : r.nps;
  return [
    i + 1, new Date(Date.UTC(y, m - 1, d, hh, mm, ss)), `${60 + rng.int(600)}秒`, '微信', 'N/A', `10.${rng.int(255)}.${rng.int(255)}.${rng.int(255)}(上海-上海)`, r.respondent_id,
    BANK[r.bank][0], WJX_SEGMENT[r.segment], CHANNEL[r.channel][0], r.overall, nps, r.csat === null ? '' : CSAT_ZH[r.csat - 1]!, r.ces,
    // 问卷星 writes (跳过) where its logic skipped a question and (空) for an empty text answer.
    r.perf_queue ?? '', r.perf_staff, r.perf_app ?? '(跳过)', AGREE_ZH[r.lvl_needs - 1]!, r.pref_transfer === null ? '' : CHANNEL[r.pref_transfer][0], r.comment ?? '(空)',
  ];
}

/** 问卷星's "下载答卷数据 → 按文本" as CSV: one header row, GB18030 (Chinese Excel's default), CRLF. */
export function wjxCsv(rs: readonly Respondent[], seed = 15): Uint8Array {
  const rng = createRng(seed, 'wjx');
  const text = (v: string | number | Date) =>
    v instanceof Date ? `${v.getUTCFullYear()}/${v.getUTCMonth() + 1}/${v.getUTCDate()} ${v.getUTCHours()}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}` : String(v);
  return iconv.encode(csv([WJX_HEADER, ...rs.map((r, i) => wjxCells(r, i, rng).map(text))]), 'gb18030');
}

/** The same answers as a 问卷星 Excel workbook: numbers stored as numbers, the submission time as a date. */
export async function wjxXlsx(rs: readonly Respondent[], seed = 15): Promise<Buffer> {
  const rng = createRng(seed, 'wjx');
  const cell = (v: string | number | Date) => (v instanceof Date ? { value: v, format: 'yyyy/m/d h:mm:ss' } : v === '' ? null : { value: v });
  const data = [WJX_HEADER.map((h) => ({ value: h })), ...rs.map((r, i) => wjxCells(r, i, rng).map(cell))];
  return writeXlsxFile(data, { sheet: '答卷数据' }).toBuffer();
}

/** SurveyMonkey's "Export → All responses data → CSV": two header rows, UTF-8 with BOM, CRLF, US dates. */
export function surveymonkeyCsv(rs: readonly Respondent[], seed = 15): Uint8Array {
  const rng = createRng(seed, 'surveymonkey');
  const top = [
    'Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'IP Address', 'Email Address', 'First Name', 'Last Name', 'Custom Data 1',
    'Which bank did you visit?', 'Which of these describes you best?', 'How did you contact us this time?',
    'Overall, how satisfied are you with the bank?', 'How likely is it that you would recommend this bank to a friend or colleague?',
    'How satisfied were you with this visit?', 'How easy was it to get what you needed?', 'Please rate the following:', '', '',
    'The bank met my needs.', 'Which channel would you prefer for transferring money?', 'Is there anything else you would like to tell us?',
  ];
  const second = ['', '', '', '', '', '', '', '', '', 'Response', 'Response', 'Response', 'Response', 'Response', 'Response', 'Response',
    'Waiting time', 'Staff expertise', 'Mobile app ease of use', 'Response', 'Response', 'Open-Ended Response'];
  const rows = rs.map((r) => {
    const { y, m, d, hh, mm, ss } = r.recorded;
    const h12 = hh % 12 === 0 ? 12 : hh % 12;
    const end = `${pad(m)}/${pad(d)}/${y} ${pad(h12)}:${pad(mm)}:${pad(ss)} ${hh < 12 ? 'AM' : 'PM'}`;
    return [
      String(114000000000 + rng.int(999999999)), '431234567', end, end, `10.${rng.int(255)}.${rng.int(255)}.${rng.int(255)}`, '', '', '', r.respondent_id,
      BANK[r.bank][1], SEGMENT[r.segment][1], CHANNEL[r.channel][1], String(r.overall), String(r.nps), r.csat === null ? '' : CSAT_EN[r.csat - 1]!, String(r.ces),
      blank(r.perf_queue), blank(r.perf_staff), blank(r.perf_app), AGREE_EN[r.lvl_needs - 1]!, r.pref_transfer === null ? '' : CHANNEL[r.pref_transfer][1], r.comment ?? '',
    ];
  });
  return utf8Bom(csv([top, second, ...rows]));
}

const CSAT_MAP_EN = `{ Very dissatisfied: 1, Dissatisfied: 2, Neither satisfied nor dissatisfied: 3, Satisfied: 4, Very satisfied: 5 }`;
const AGREE_MAP_EN = `{ Strongly disagree: 1, Disagree: 2, Neither agree nor disagree: 3, Agree: 4, Strongly agree: 5 }`;

const WJX_MAPPING = (sheet: string | null) => `# 问卷星 export of the branch survey; written once, reused every quarter.
format: wjx
${sheet ? `sheet: ${sheet}\n` : ''}columns:
  respondent_id: 自定义字段                       # the customer reference sent with the survey link
  quarter: { from: 提交答卷时间, as: quarter }     # 2026/10/3 10:20:31 → 2026Q4
  bank: 1、您办理业务的银行                        # 招商银行 is cmb's name_zh in banks.csv: no map needed
  segment: { from: 2、您属于哪类客户, map: { 个人客户: retail } }
  channel: 3、您本次通过哪个渠道办理业务
  overall: 4、总体而言，您对本行的满意程度（1-10分）
  nps: { from: 5、您向亲友推荐本行的可能性有多大？, as: number }   # "0 - 完全不可能" → 0
  csat: { from: 6、您对本次服务的总体满意度, map: { 非常满意: 5, 满意: 4, 一般: 3, 不满意: 2, 非常不满意: 1 } }
  ces: 7、办理业务的难易程度（1=非常容易，7=非常困难）
  perf_queue: 8(排队等候时间)
  perf_staff: 8(员工专业程度)
  perf_app: 8(手机银行易用性)
  lvl_needs: { from: 9、本行满足了我的需求, map: { 非常同意: 5, 同意: 4, 一般: 3, 不同意: 2, 非常不同意: 1 } }
  pref_transfer: 10、您更愿意通过哪个渠道转账汇款？
  comment: 11、您还有什么意见或建议？
`;

/** The finished mapping of each export (what a team writes once, starting from npm run map's draft). */
export const EXPORT_MAPPINGS: Record<ExportPlatform, string> = {
  qualtrics: `# Qualtrics export of the branch survey ("use choice text"); written once, reused every quarter.
format: qualtrics
columns:
  respondent_id: ExternalReference                 # the customer reference sent with the survey link
  quarter: { from: RecordedDate, as: quarter }     # 2026-10-03 10:20:31 → 2026Q4
  bank: Q1                                         # "China Merchants Bank" is cmb's name_en: no map needed
  segment: Q2
  channel: Q3
  overall: Q4                                      # "10 - Very satisfied" → 10
  nps: { from: Q5, as: number }                    # "10 - Extremely likely" → 10
  csat: { from: Q6, map: ${CSAT_MAP_EN} }
  ces: Q7
  perf_queue: Q8_1
  perf_staff: Q8_2
  perf_app: Q8_3
  lvl_needs: { from: Q9, map: ${AGREE_MAP_EN} }
  pref_transfer: Q10
  comment: Q11
`,
  wjx: WJX_MAPPING(null),
  xlsx: WJX_MAPPING('答卷数据'),
  surveymonkey: `# SurveyMonkey export of the branch survey (all responses, actual answer text); written once.
format: surveymonkey
date_order: mdy                                    # 10/03/2026 is 3 October (SurveyMonkey's US dates)
columns:
  respondent_id: Custom Data 1
  quarter: { from: End Date, as: quarter }
  bank: Which bank did you visit?
  segment: Which of these describes you best?
  channel: How did you contact us this time?
  overall: Overall, how satisfied are you with the bank?
  nps: How likely is it that you would recommend this bank to a friend or colleague?
  csat: { from: How satisfied were you with this visit?, map: ${CSAT_MAP_EN} }
  ces: How easy was it to get what you needed?
  perf_queue: 'Please rate the following: / Waiting time'
  perf_staff: 'Please rate the following: / Staff expertise'
  perf_app: 'Please rate the following: / Mobile app ease of use'
  lvl_needs: { from: The bank met my needs., map: ${AGREE_MAP_EN} }
  pref_transfer: Which channel would you prefer for transferring money?
  comment: Is there anything else you would like to tell us?
`,
};

/** File name of each export (the mapping is the same name with .map.yml). */
export function exportFileName(platform: ExportPlatform, prefix = ''): string {
  return `${prefix}${platform === 'xlsx' ? 'wjx' : platform}${platform === 'xlsx' ? '.xlsx' : '.csv'}`;
}

export async function exportBytes(platform: ExportPlatform, rs: readonly Respondent[]): Promise<Uint8Array> {
  if (platform === 'qualtrics') return qualtricsCsv(rs);
  if (platform === 'wjx') return wjxCsv(rs);
  if (platform === 'surveymonkey') return surveymonkeyCsv(rs);
  return wjxXlsx(rs);
}

/** The worked example of each platform: quarter, respondent id prefix and file name. */
export const IMPORT_EXAMPLES: { platform: ExportPlatform; quarter: string; prefix: string }[] = [
  { platform: 'qualtrics', quarter: '2026Q1', prefix: 'q' },
  { platform: 'wjx', quarter: '2026Q2', prefix: 'w' },
  { platform: 'surveymonkey', quarter: '2026Q3', prefix: 's' },
  { platform: 'xlsx', quarter: '2026Q4', prefix: 'x' },
];

const REFERENCE_LISTS = ['banks.csv', 'attributes.csv', 'stages.csv', 'tasks.csv', 'channels.csv', 'segments.csv'];

/** Writes data/examples/imports/: a data folder of the four exports with their mappings. */
export async function writeImportExamples(outDir: string, examplesDir = 'data/examples'): Promise<string[]> {
  mkdirSync(path.join(outDir, 'survey'), { recursive: true });
  const written: string[] = [];
  for (const f of REFERENCE_LISTS) {
    cpSync(path.join(examplesDir, f), path.join(outDir, f));
    written.push(f);
  }
  for (const ex of IMPORT_EXAMPLES) {
    const rs = exportRespondents(12, ex.quarter, 15, ex.prefix);
    const name = exportFileName(ex.platform, `${ex.quarter}_`);
    writeFileSync(path.join(outDir, 'survey', name), await exportBytes(ex.platform, rs));
    writeFileSync(path.join(outDir, 'survey', name.replace(/\.\w+$/, '.map.yml')), EXPORT_MAPPINGS[ex.platform]);
    written.push(`survey/${name}`, `survey/${name.replace(/\.\w+$/, '.map.yml')}`);
  }
  return written;
}
