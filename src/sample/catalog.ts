/**
 * The reference tables of the sample data set (banks, journey stages, attributes, segments,
 * channels, SERVQUAL dimensions). They are written verbatim to banks.csv, stages.csv and
 * attributes.csv and drive every generated file, so a page author can rely on these ids.
 */

export interface Bank {
  bank_id: string;
  name_zh: string;
  name_en: string;
  /** Short names customers use in comments. */
  short_zh: string;
  short_en: string;
  color: string;
  peer_group: string;
}

export const BANKS: readonly Bank[] = [
  {
    bank_id: 'cmb',
    name_zh: '招商银行',
    name_en: 'China Merchants Bank',
    short_zh: '招行',
    short_en: 'CMB',
    color: '#c8102e',
    peer_group: 'joint-stock',
  },
  {
    bank_id: 'pingan',
    name_zh: '平安银行',
    name_en: 'Ping An Bank',
    short_zh: '平安',
    short_en: 'Ping An',
    color: '#f28c00',
    peer_group: 'joint-stock',
  },
  {
    bank_id: 'icbc',
    name_zh: '工商银行',
    name_en: 'ICBC',
    short_zh: '工行',
    short_en: 'ICBC',
    color: '#1f5fa8',
    peer_group: 'state-owned',
  },
];

export type BankId = 'cmb' | 'pingan' | 'icbc';

export interface Stage {
  stage_id: string;
  order: number;
  label_zh: string;
  label_en: string;
  moment_of_truth: boolean;
}

/**
 * 认知 → 考虑 → 办理 → 使用 → 售后/投诉. Moments of truth (首次接触, 购买决策, 售后服务,
 * 投诉与反馈) fall on awareness (first contact), consideration (purchase decision) and
 * aftercare (after-sales service, complaints and feedback).
 */
export const STAGES: readonly Stage[] = [
  { stage_id: 'awareness', order: 1, label_zh: '认知', label_en: 'Awareness', moment_of_truth: true },
  { stage_id: 'consideration', order: 2, label_zh: '考虑', label_en: 'Consideration', moment_of_truth: true },
  { stage_id: 'onboarding', order: 3, label_zh: '办理', label_en: 'Onboarding', moment_of_truth: false },
  { stage_id: 'usage', order: 4, label_zh: '使用', label_en: 'Usage', moment_of_truth: false },
  { stage_id: 'aftercare', order: 5, label_zh: '售后/投诉', label_en: 'Aftercare & complaints', moment_of_truth: true },
];

export type Dimension = 'tangibles' | 'reliability' | 'responsiveness' | 'assurance' | 'empathy';

export const DIMENSIONS: readonly Dimension[] = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];

/** SERVQUAL's 22 items by dimension (Parasuraman, Zeithaml & Berry 1988): 1–4, 5–9, 10–13, 14–17, 18–22. */
export const SERVQUAL_ITEM_DIMENSION: readonly Dimension[] = [
  ...Array<Dimension>(4).fill('tangibles'),
  ...Array<Dimension>(5).fill('reliability'),
  ...Array<Dimension>(4).fill('responsiveness'),
  ...Array<Dimension>(4).fill('assurance'),
  ...Array<Dimension>(5).fill('empathy'),
];

/**
 * Which branch-side or contact-side experience an attribute needs; respondents without that
 * experience answer "not applicable", which is what makes these columns sparse in real exports.
 */
export type Exposure = 'always' | 'branch' | 'complaint' | 'contact';

export interface Attribute {
  attribute_id: string;
  label_zh: string;
  label_en: string;
  stage_id: string;
  dimension: Dimension;
  scale_min: number;
  scale_max: number;
  /** Codes meaning "not applicable", `;`-separated in the CSV; the first is the one mostly used. */
  na_codes: readonly number[];
  exposure: Exposure;
}

export const ATTRIBUTES: readonly Attribute[] = [
  {
    attribute_id: 'branch_environment',
    label_zh: '网点环境',
    label_en: 'Branch environment',
    stage_id: 'awareness',
    dimension: 'tangibles',
    scale_min: 1,
    scale_max: 10,
    na_codes: [0],
    exposure: 'branch',
  },
  {
    attribute_id: 'info_clarity',
    label_zh: '产品信息清晰度',
    label_en: 'Clarity of product information',
    stage_id: 'awareness',
    dimension: 'reliability',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'product_range',
    label_zh: '产品丰富度',
    label_en: 'Product range',
    stage_id: 'consideration',
    dimension: 'empathy',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'fee_transparency',
    label_zh: '收费透明度',
    label_en: 'Fee transparency',
    stage_id: 'consideration',
    dimension: 'reliability',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'staff_expertise',
    label_zh: '员工专业能力',
    label_en: 'Staff expertise',
    stage_id: 'consideration',
    dimension: 'assurance',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'queue_time',
    label_zh: '网点排队时间',
    label_en: 'Branch waiting time',
    stage_id: 'onboarding',
    dimension: 'responsiveness',
    scale_min: 1,
    scale_max: 10,
    na_codes: [0, 99],
    exposure: 'branch',
  },
  {
    // The one attribute on a 1–5 scale (an older questionnaire module), so pages must respect
    // each attribute's own scale instead of assuming 1–10.
    attribute_id: 'staff_courtesy',
    label_zh: '员工服务态度',
    label_en: 'Staff courtesy',
    stage_id: 'onboarding',
    dimension: 'assurance',
    scale_min: 1,
    scale_max: 5,
    na_codes: [9],
    exposure: 'always',
  },
  {
    attribute_id: 'app_ease',
    label_zh: '手机银行易用性',
    label_en: 'Mobile app ease of use',
    stage_id: 'usage',
    dimension: 'tangibles',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'app_stability',
    label_zh: '手机银行稳定性',
    label_en: 'Mobile app stability',
    stage_id: 'usage',
    dimension: 'reliability',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'security',
    label_zh: '资金与信息安全',
    label_en: 'Security of funds and data',
    stage_id: 'usage',
    dimension: 'assurance',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'personalisation',
    label_zh: '个性化服务',
    label_en: 'Personalised service',
    stage_id: 'usage',
    dimension: 'empathy',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'always',
  },
  {
    attribute_id: 'complaint_handling',
    label_zh: '投诉处理',
    label_en: 'Complaint handling',
    stage_id: 'aftercare',
    dimension: 'responsiveness',
    scale_min: 1,
    scale_max: 10,
    na_codes: [0, 99],
    exposure: 'complaint',
  },
  {
    attribute_id: 'response_speed',
    label_zh: '客服响应速度',
    label_en: 'Customer service response speed',
    stage_id: 'aftercare',
    dimension: 'responsiveness',
    scale_min: 1,
    scale_max: 10,
    na_codes: [],
    exposure: 'contact',
  },
];

export type AttributeId =
  | 'branch_environment'
  | 'info_clarity'
  | 'product_range'
  | 'fee_transparency'
  | 'staff_expertise'
  | 'queue_time'
  | 'staff_courtesy'
  | 'app_ease'
  | 'app_stability'
  | 'security'
  | 'personalisation'
  | 'complaint_handling'
  | 'response_speed';

export type Segment = 'mass' | 'affluent' | 'young' | 'senior' | 'sme';
export const SEGMENTS: readonly Segment[] = ['mass', 'affluent', 'young', 'senior', 'sme'];

/** Labels of the segments, written to segments.csv. */
export const SEGMENT_INFO: readonly { segment_id: Segment; label_zh: string; label_en: string; order: number }[] = [
  { segment_id: 'mass', label_zh: '大众客户', label_en: 'Mass market', order: 1 },
  { segment_id: 'affluent', label_zh: '财富客户', label_en: 'Affluent', order: 2 },
  { segment_id: 'young', label_zh: '年轻客户', label_en: 'Young customers', order: 3 },
  { segment_id: 'senior', label_zh: '老年客户', label_en: 'Seniors', order: 4 },
  { segment_id: 'sme', label_zh: '小微企业主', label_en: 'Small business owners', order: 5 },
];

export type Channel = 'app' | 'branch' | 'phone' | 'web';
export const CHANNELS: readonly Channel[] = ['app', 'branch', 'phone', 'web'];

/** Labels of the channels, written to channels.csv: exactly the channels the survey serves through. */
export const CHANNEL_INFO: readonly { channel_id: Channel; label_zh: string; label_en: string; order: number }[] = [
  { channel_id: 'branch', label_zh: '网点', label_en: 'Branch', order: 1 },
  { channel_id: 'app', label_zh: '手机银行', label_en: 'Mobile app', order: 2 },
  { channel_id: 'web', label_zh: '网上银行', label_en: 'Online banking', order: 3 },
  { channel_id: 'phone', label_zh: '电话银行', label_en: 'Phone banking', order: 4 },
];

/** What customers may prefer a channel for: one `pref_<task_id>` survey column each (tasks.csv). */
export type TaskId = 'open_account' | 'transfer' | 'loan_inquiry' | 'wealth_advice' | 'complaint';
export const TASKS: readonly { task_id: TaskId; label_zh: string; label_en: string; order: number }[] = [
  { task_id: 'open_account', label_zh: '开户', label_en: 'Open an account', order: 1 },
  { task_id: 'transfer', label_zh: '转账汇款', label_en: 'Transfer money', order: 2 },
  { task_id: 'loan_inquiry', label_zh: '贷款咨询', label_en: 'Ask about a loan', order: 3 },
  { task_id: 'wealth_advice', label_zh: '理财咨询', label_en: 'Get wealth advice', order: 4 },
  { task_id: 'complaint', label_zh: '投诉', label_en: 'Make a complaint', order: 5 },
];

/**
 * Comment themes (themes.csv). Chinese keywords match as substrings, English ones as whole words,
 * case-insensitively; every keyword list is chosen to hit the comment phrases in comments.ts, which
 * the sample tests check.
 */
export const THEMES: readonly { theme_id: string; label_zh: string; label_en: string; keywords_zh: readonly string[]; keywords_en: readonly string[] }[] = [
  { theme_id: 'waiting', label_zh: '排队与等待', label_en: 'Waiting and queues', keywords_zh: ['排队', '等待', '等了', '取号'], keywords_en: ['wait', 'waited', 'queue', 'queues'] },
  { theme_id: 'app_stability', label_zh: '手机银行稳定性', label_en: 'App stability', keywords_zh: ['闪退', '卡顿', '卡住', '登录', '用不了'], keywords_en: ['crashes', 'crashing', 'freezes', 'froze', 'log in'] },
  { theme_id: 'app_usability', label_zh: '手机银行易用性', label_en: 'App ease of use', keywords_zh: ['难用', '好用', '界面', '菜单', '找不到'], keywords_en: ['easy to use', 'navigate', 'menus', 'design'] },
  { theme_id: 'fees', label_zh: '收费与手续费', label_en: 'Fees and charges', keywords_zh: ['手续费', '收费', '年费'], keywords_en: ['fee', 'fees', 'charges', 'charged'] },
  { theme_id: 'staff_attitude', label_zh: '员工服务态度', label_en: 'Staff attitude', keywords_zh: ['态度', '热情', '耐心', '爱答不理'], keywords_en: ['rude', 'friendly', 'polite', 'patient', 'impatient'] },
  { theme_id: 'security', label_zh: '资金与信息安全', label_en: 'Security and fraud', keywords_zh: ['安全', '诈骗', '盗刷', '放心'], keywords_en: ['security', 'fraud', 'phishing', 'safe'] },
  { theme_id: 'personalisation', label_zh: '个性化与推荐', label_en: 'Personalisation and offers', keywords_zh: ['推荐', '个性化', '推送', '针对性'], keywords_en: ['recommend', 'personalised', 'tailored', 'relevant', 'offers'] },
  { theme_id: 'complaints', label_zh: '投诉与客服', label_en: 'Complaints and customer service', keywords_zh: ['投诉', '客服', '人工'], keywords_en: ['complaint', 'customer service', 'agent', 'chat'] },
];
