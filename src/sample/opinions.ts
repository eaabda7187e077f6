/**
 * servqual_opinions.csv: what customers, front-line staff and managers said in interviews and
 * open questions, each coded with the gap of the SERVQUAL model it speaks to — the qualitative
 * method of the telecom case. As there, gap 1 (management does not know what customers expect)
 * is the most frequent code, then delivery (3), communications (4), standards (2) and the
 * customer gap (5). pingan's overselling campaigns bring more gap 4 opinions, icbc's migration
 * more gap 3 ones, and icbc's managers, the furthest off, more gap 1 ones.
 */
import type { BankId, Dimension } from './catalog.ts';
import { BANKS } from './catalog.ts';
import { icbcDip } from './model.ts';
import type { Rng } from './random.ts';
import { createRng } from './random.ts';
import type { Cell } from './survey.ts';

export const OPINION_COLUMNS: readonly string[] = ['opinion_id', 'gap', 'role', 'bank', 'quarter', 'dimension', 'text'];

type Role = 'customer' | 'staff' | 'manager';
type Gap = 1 | 2 | 3 | 4 | 5;

interface Opinion {
  dimension: Dimension | null;
  text: string;
  /** Only in icbc's migration quarters. */
  migration?: boolean;
}

const o = (dimension: Dimension | null, text: string, migration = false): Opinion => ({ dimension, text, ...(migration ? { migration } : {}) });

/** Opinions by gap and role, in Chinese (zh) and English (en). */
const OPINIONS: Readonly<Record<Gap, Partial<Record<Role, { zh: readonly Opinion[]; en: readonly Opinion[] }>>>> = {
  1: {
    customer: {
      zh: [
        o('empathy', '银行总在推理财产品，从来没人问过我到底需要什么。'),
        o('responsiveness', '我最在乎的是办事快不快，网点装修得再好也没用。'),
        o(null, '问卷调查填了好几次，提的意见从来没有下文。'),
        o('reliability', '他们以为我们只看利率，其实我们更看重出了问题有没有人管。'),
        o('empathy', '老年人不会用手机银行，可网点的人工窗口越来越少。'),
      ],
      en: [
        o('empathy', 'Nobody at the bank has ever asked what I actually need; they only push products.'),
        o('reliability', "I don't care about the coffee machine, I care about my transfer arriving on time."),
        o(null, 'The feedback form feels like a formality: nothing I suggested ever changed.'),
      ],
    },
    staff: {
      zh: [
        o('responsiveness', '总行以为客户最在乎网点装修，其实客户天天问的是还要等多久。'),
        o(null, '客户的投诉和建议很少传到管理层，基层知道的问题上面不知道。'),
        o(null, '管理层定考核时没有听一线的意见，客户真正抱怨的地方没人看。'),
        o('reliability', '客户要的是一次办完，领导关心的是产品销量。'),
        o('responsiveness', '每天都有客户说电话打不进来，但这从来不在领导的关注清单上。'),
        o('empathy', '客户希望有固定的客户经理跟进，管理层却觉得线上自助就够了。'),
      ],
      en: [
        o('responsiveness', 'Head office thinks customers want a nicer lobby; what they ask us about every day is the wait.'),
        o(null, 'Complaints stop at the branch. Management reads a monthly summary that leaves out the details.'),
        o('empathy', "Management assumes younger customers don't need a person to talk to. They do when something goes wrong."),
      ],
    },
    manager: {
      zh: [
        o(null, '说实话，我们对客户期望的了解主要来自销售数据，很少直接听客户怎么说。'),
        o('responsiveness', '我们一直以为客户更看重网点环境，这次调研才发现差距在响应速度上。'),
        o(null, '管理层级太多，客户的声音传上来已经变味了。'),
      ],
      en: [
        o('reliability', 'We assumed convenience ranks above everything; the survey says customers care more about it being done right the first time.'),
        o(null, 'Most of what we know about expectations comes from product sales, not from listening to customers.'),
      ],
    },
  },
  2: {
    staff: {
      zh: [
        o('reliability', '服务标准里没有写“当天办结”，只写了“尽快”，每个网点理解都不一样。'),
        o('responsiveness', '都知道客户嫌等得久，但网点没有排队时长的考核指标。'),
        o(null, '标准手册好几年没更新，手机银行的服务根本没有规范。'),
        o('empathy', '对老年客户的服务只有一句“热情周到”，没有具体要求。'),
      ],
      en: [
        o('responsiveness', 'The manual says "respond promptly" but never says how prompt; every branch reads it differently.'),
        o('responsiveness', 'We have targets for product sales, none for how long a customer waits.'),
        o('reliability', 'There is no standard for calling customers back after a complaint.'),
      ],
    },
    manager: {
      zh: [
        o('responsiveness', '我们知道客户希望等待不超过15分钟，但标准定在30分钟，因为人手不够。'),
        o(null, '服务标准是按监管要求写的，不是按客户期望写的。'),
        o(null, '资源有限，标准只能定在“大部分网点做得到”的水平。'),
        o('empathy', '个性化服务很难量化，所以一直没有写进标准。'),
      ],
      en: [
        o(null, 'We set the standard at what the weakest branch can meet, not at what customers expect.'),
        o('assurance', "Our standards follow the regulator's checklist; customer expectations were never an input."),
        o('reliability', 'We know callbacks matter, but we never made them a measurable standard.'),
      ],
    },
  },
  3: {
    staff: {
      zh: [
        o('responsiveness', '午休时间只开两个窗口，30分钟的标准根本达不到。'),
        o('reliability', '系统经常卡顿，一笔业务要重复录入两三次。'),
        o('assurance', '新员工培训只有一周，很多业务不熟，只能让客户等。'),
        o('empathy', '一个客户经理要管三百多个客户，根本顾不上回访。'),
        o(null, '考核压力大，大家忙着完成销售任务，服务流程就简化了。'),
        o('reliability', '系统迁移那段时间，很多交易要手工补录，差错多了不少。', true),
        o('responsiveness', '迁移后新系统反应慢，排队的人比平时多了一倍。', true),
      ],
      en: [
        o('responsiveness', 'Two counters for the whole lunch hour; we cannot meet the 10-minute target.'),
        o('reliability', 'The core system keeps timing out, so we re-key transactions and mistakes creep in.'),
        o('reliability', "We're supposed to call every complainant back within 24 hours; with current staffing it's more like a week."),
        o('assurance', "Training on the new products was one webinar; customers ask questions we can't answer."),
        o('reliability', 'Since the migration half my day is fixing failed transfers by hand.', true),
      ],
    },
    customer: {
      zh: [
        o('reliability', '说好的24小时内回电，等了三天都没人联系我。'),
        o('assurance', '柜员业务不熟，问了好几个人才办好。'),
        o('responsiveness', '大厅里写着“等候不超过15分钟”，我等了一个小时。'),
        o('tangibles', '网点的设备经常坏，取号机都用不了。'),
        o('reliability', '系统升级以后转账老是失败，客服也说不清楚原因。', true),
      ],
      en: [
        o('responsiveness', 'The sign says 15 minutes maximum wait. I waited 50.'),
        o('reliability', 'They promised a callback within a day; it took four.'),
      ],
    },
    manager: {
      zh: [
        o(null, '标准是好的，但网点执行参差不齐，暗访分数差距很大。'),
        o('reliability', '系统升级期间服务水平明显下降，这是我们的责任。', true),
      ],
      en: [o(null, 'The standards are fine on paper; branch execution varies a lot, as mystery shopping shows.')],
    },
  },
  4: {
    customer: {
      zh: [
        o('reliability', '广告说"秒批"，我的贷款等了两个星期。'),
        o('responsiveness', '宣传说7×24小时人工客服，晚上打过去根本没人接。'),
        o('reliability', '开户时说免年费，第二年还是扣了。'),
        o('empathy', '广告里说理财经理一对一服务，实际上一年都见不到一次。'),
        o('empathy', 'APP弹窗写着<专属福利>，点开要先买理财。'),
        o('assurance', '宣传单上的利率和实际拿到的不一样。'),
      ],
      en: [
        o('reliability', 'The ad said "approved in minutes". It took two weeks and three phone calls.'),
        o('responsiveness', '"24/7 human support" on the billboard; at 9 pm I got a chatbot.'),
        o('empathy', "The brochure promised a dedicated advisor. I've never met them."),
        o('reliability', 'Marketing says no hidden fees, but I was charged an annual fee anyway.'),
      ],
    },
    staff: {
      zh: [
        o(null, '营销部门的宣传口号一线都不知道，客户拿着广告来问，我们也解释不了。'),
        o('reliability', '活动宣传“当天放款”，但审批流程至少要三天。'),
        o(null, '广告把网点服务说得太好了，客户的期望被抬得很高。'),
      ],
      en: [
        o('reliability', 'Marketing launched the "instant approval" campaign without telling the branches.'),
        o(null, "Customers quote the ad back at us, and the ad promises things the process can't do."),
      ],
    },
    manager: {
      zh: [o(null, '市场部和运营部沟通不够，宣传承诺没有和服务能力对齐。')],
      en: [o(null, 'Our campaigns overpromise; marketing and operations set their targets separately.')],
    },
  },
  5: {
    customer: {
      zh: [
        o(null, '整体还行，但和我对一家大银行的期待还有差距。'),
        o('responsiveness', '服务态度不错，就是办事太慢。'),
        o('empathy', '手机银行好用，但遇到问题找不到人。'),
        o(null, '比几年前好多了，不过离我心目中的好银行还差一点。'),
        o('tangibles', '办业务让人放心，就是网点太旧了。'),
        o('empathy', '员工很专业，可是没有人真正关心我的需求。'),
      ],
      en: [
        o(null, 'Service is OK, but not what I expect from a bank this size.'),
        o('responsiveness', 'Friendly staff, slow service.'),
        o('reliability', 'I feel safe with my money there; I just wish things got done right the first time.'),
        o('empathy', "Good app, but when something breaks there's nobody to talk to."),
      ],
    },
    staff: {
      zh: [o(null, '客户的期望越来越高，我们的服务提升跟不上。')],
      en: [o(null, 'Customers expect more every year, and we improve more slowly than that.')],
    },
  },
};

const GAPS: readonly Gap[] = [1, 2, 3, 4, 5];
/** How often each gap is coded: knowledge first, as in the telecom case. */
const GAP_SHARE: Readonly<Record<Gap, number>> = { 1: 0.34, 2: 0.14, 3: 0.22, 4: 0.17, 5: 0.13 };
const ROLE_SHARE: Readonly<Record<Gap, Partial<Record<Role, number>>>> = {
  1: { customer: 0.35, staff: 0.45, manager: 0.2 },
  2: { staff: 0.5, manager: 0.5 },
  3: { staff: 0.55, customer: 0.3, manager: 0.15 },
  4: { customer: 0.6, staff: 0.3, manager: 0.1 },
  5: { customer: 0.9, staff: 0.1 },
};
const CHINESE_SHARE = 0.65;

function gapWeights(bank: BankId, dip: number): number[] {
  return GAPS.map((g) => {
    let w = GAP_SHARE[g];
    if (bank === 'pingan' && g === 4) w *= 1.6;
    if (bank === 'icbc' && g === 1) w *= 1.2;
    if (bank === 'icbc' && g === 3) w *= 1 + 1.5 * dip;
    return w;
  });
}

export interface OpinionOptions {
  seed: number;
  quarters: readonly string[];
}

/** Every bank's opinions, quarter by quarter; each bank and quarter draws from its own stream. */
export function* opinionRows(options: OpinionOptions): Generator<Cell[]> {
  for (const quarter of options.quarters) {
    for (const b of BANKS) {
      const bank = b.bank_id as BankId;
      yield* cellOpinions(createRng(options.seed, 'servqual-opinions', bank, quarter), bank, quarter);
    }
  }
}

function* cellOpinions(rng: Rng, bank: BankId, quarter: string): Generator<Cell[]> {
  const dip = bank === 'icbc' ? icbcDip(quarter) : 0;
  const count = 7 + rng.int(5);
  const weights = gapWeights(bank, dip);
  // Each opinion at most once per bank and quarter: interviews do not repeat themselves verbatim.
  const used = new Set<Opinion>();
  for (let k = 0; k < count; k++) {
    const gap = rng.pickWeighted(GAPS, weights);
    const roles = Object.keys(ROLE_SHARE[gap]) as Role[];
    const role = rng.pickWeighted(roles, roles.map((r) => ROLE_SHARE[gap][r]!));
    const lang = rng.chance(CHINESE_SHARE) ? 'zh' : 'en';
    const pool = OPINIONS[gap][role]!;
    const fresh = [...pool[lang], ...pool[lang === 'zh' ? 'en' : 'zh']].filter((x) => !used.has(x) && (!x.migration || dip > 0.3));
    if (fresh.length === 0) continue;
    // The preferred language first; migration stories weigh more in icbc's dip.
    const opinion = rng.pickWeighted(
      fresh,
      fresh.map((x) => (pool[lang].includes(x) ? 1 : 0.15) * (x.migration ? 3 : 1)),
    );
    used.add(opinion);
    yield [`${quarter}-${bank}-${String(k + 1).padStart(2, '0')}`, gap, role, bank, quarter, opinion.dimension, opinion.text];
  }
}
