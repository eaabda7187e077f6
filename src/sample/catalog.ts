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

export type Channel = 'app' | 'branch' | 'phone' | 'web';
export const CHANNELS: readonly Channel[] = ['app', 'branch', 'phone', 'web'];
