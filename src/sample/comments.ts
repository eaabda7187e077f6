/**
 * Short verbatim comments in Chinese, English and the mix customers actually type, tied to the
 * respondent's worst and best rated touchpoint and to the overall verdict, so a theme search on
 * "排队" or "app" returns comments from the people who rated those touchpoints badly.
 * A few contain commas, quotes, line breaks and markup-like text on purpose: they are the cases
 * CSV quoting and HTML escaping get wrong.
 */
import type { AttributeId, BankId } from './catalog.ts';
import { BANKS } from './catalog.ts';
import type { Rng } from './random.ts';

interface Phrases {
  negZh: readonly string[];
  posZh: readonly string[];
  negEn: readonly string[];
  posEn: readonly string[];
}

const PHRASES: Readonly<Record<AttributeId, Phrases>> = {
  branch_environment: {
    negZh: ['网点环境有点乱', '网点太旧了，座位也不够', '大厅空调太冷', '网点里连个饮水机都没有'],
    posZh: ['网点环境很舒服', '网点装修很新，很干净', '大厅宽敞明亮'],
    negEn: ['the branch looks old and cramped', 'not enough seats in the branch', 'the branch was dirty'],
    posEn: ['the branch is clean and modern', 'nice, comfortable branch'],
  },
  info_clarity: {
    negZh: ['理财产品说明看不懂', '产品介绍太复杂了', '宣传单上的利率和实际不一样'],
    posZh: ['产品介绍清楚明白', '理财经理解释得很清楚'],
    negEn: ['product terms are confusing', 'the rate in the leaflet was not what I got'],
    posEn: ['product information is clear', 'everything was explained clearly'],
  },
  product_range: {
    negZh: ['理财产品选择太少', '没有适合我的贷款产品', '信用卡权益越来越少'],
    posZh: ['产品很丰富', '理财产品选择多', '信用卡权益不错'],
    negEn: ['too few investment products', 'no loan product that fits small businesses'],
    posEn: ['good range of products', 'great credit card benefits'],
  },
  fee_transparency: {
    negZh: ['手续费不透明', '莫名其妙被扣了年费', '跨行转账手续费太高', '收费项目太多，说明也不清楚'],
    posZh: ['收费很透明', '基本没有乱收费', '免手续费这点很好'],
    negEn: ['hidden fees everywhere', 'I was charged an annual fee nobody told me about', 'transfer fees are too high', 'too many small charges on my account'],
    posEn: ['fees are transparent', 'no surprise charges'],
  },
  staff_expertise: {
    negZh: ['柜员业务不熟练', '问了三个人都说不清楚', '客户经理推销多，专业建议少'],
    posZh: ['客户经理很专业', '柜员业务很熟练', '理财经理建议很中肯'],
    negEn: ['staff did not know the answer', 'the advisor only wanted to sell me products'],
    posEn: ['very knowledgeable staff', 'my relationship manager really knows her stuff'],
  },
  queue_time: {
    negZh: ['排队时间太长了', '排了一个多小时的队', '窗口只开两个，排队太久', '取号后等了40分钟', '等待时间太长，窗口还少'],
    posZh: ['基本不用排队', '排队很快', '预约后到了就办，不用等'],
    negEn: ['waited over an hour in the queue', 'queues are way too long', 'only two counters open, long wait'],
    posEn: ['no queue at all', 'quick service at the counter'],
  },
  staff_courtesy: {
    negZh: ['柜员态度很冷淡', '大堂经理爱答不理', '服务态度需要改进'],
    posZh: ['员工态度很好', '大堂经理很热情', '服务很耐心，对老人特别照顾'],
    negEn: ['rude staff at the counter', 'the staff were impatient with my parents'],
    posEn: ['friendly and patient staff', 'staff were very polite'],
  },
  app_ease: {
    negZh: ['APP太难用了，功能找不到', '手机银行界面太复杂', 'APP广告太多', '转账要点好几层菜单', '字太小，老人用不了APP'],
    posZh: ['APP很好用', '手机银行操作简单', 'APP设计很人性化', 'app体验是几家银行里最好的'],
    negEn: ['the app is hard to navigate', 'too many ads in the app', 'the app menus are confusing'],
    posEn: ['the app is really easy to use', 'best banking app I have used', 'love the new app design'],
  },
  app_stability: {
    negZh: ['APP经常闪退', '转账时APP卡住了', '登录老是失败', 'app有bug，验证码收不到', 'APP很卡顿，转账要等半天'],
    posZh: ['APP很稳定', '手机银行从来没出过问题'],
    negEn: ['the app keeps crashing', 'could not log in for two days', 'the app froze during a transfer', 'the app freezes every time I open it'],
    posEn: ['the app never crashes', 'the app is fast and stable'],
  },
  security: {
    negZh: ['担心账户安全', '收到诈骗短信，银行也没提醒', '验证步骤太少，不放心', '担心银行卡被盗刷'],
    posZh: ['安全性好，放心', '有异常交易马上提醒，很安心', '大银行，钱放着放心'],
    negEn: ['worried about account security', 'got a phishing SMS and the bank did nothing'],
    posEn: ['I feel my money is safe', 'fraud alerts came instantly'],
  },
  personalisation: {
    negZh: ['推荐的产品都不适合我', '推送太多，没有针对性', '不了解我的需求', '希望服务能更个性化一点'],
    posZh: ['推荐很贴心', '会根据我的情况推荐产品', '生日还收到了祝福和优惠'],
    negEn: ['the offers are not relevant to me', 'too many generic push notifications', 'they recommend products I do not need', 'nothing personalised or tailored about it'],
    posEn: ['offers are tailored to me', 'they remember my preferences', 'personalised offers that actually fit me'],
  },
  complaint_handling: {
    negZh: ['投诉了两次都没人处理', '投诉后一直没有回复', '客服只会说"已经记录了"', '问题推来推去，没人负责'],
    posZh: ['投诉处理很及时', '投诉后第二天就解决了', '处理问题很负责'],
    negEn: ['my complaint was ignored', 'the agent kept saying "we have logged it"', 'nobody took responsibility for my complaint'],
    posEn: ['my complaint was solved the next day', 'they handled my complaint well'],
  },
  response_speed: {
    negZh: ['客服电话打不进去', '在线客服半天不回复', '人工客服太难转', '等了20分钟才接通'],
    posZh: ['客服响应很快', '在线客服秒回', '客服电话马上就接通了'],
    negEn: ['could not get through to customer service', 'online chat takes forever to reply', 'impossible to reach a human'],
    posEn: ['customer service answers quickly', 'the chat replied within a minute'],
  },
};

/**
 * Markup with an event handler, as a customer might paste it from a broken notification. The
 * generator gives it to one respondent of the last quarter (cmb); pages must show it as text.
 */
export const HOSTILE_COMMENT = '手机银行推送里出现一串代码 <img src=x onerror=alert(1)> ，担心账户安全';

/** icbc's app migration quarter gives its own, datable complaints. */
const MIGRATION_ZH = ['系统升级以后APP经常闪退', '升级后转账老是失败', '新版APP找不到原来的功能了', '系统升级那几天根本用不了'];
const MIGRATION_EN = ['since the system upgrade the app keeps crashing', 'after the upgrade, transfers keep failing'];
const MIGRATION_ATTRIBUTES: readonly AttributeId[] = ['app_stability', 'app_ease', 'response_speed', 'complaint_handling'];

const SUGGESTIONS_ZH = ['建议增加周末营业时间。', '希望APP能有"老年模式"。', '希望手续费说明写清楚一点。', '建议多开几个窗口。'];
const SUGGESTIONS_EN = ['Suggestion: open more counters at lunchtime.', 'Please add a simple mode for older users.', 'Please explain fees up front.'];

const OPENERS_ZH = ['', '', '', '', '总体来说，', '说实话，', '作为老客户，', '{bank}：'];
const OPENERS_EN = ['', '', '', 'Honestly, ', 'As a long-time customer, ', 'Overall, ', '{bank}: '];
const CLOSE_NEG_ZH = ['', '。', '，希望尽快改进。', '，体验很差。', '！', '，建议改进。'];
const CLOSE_POS_ZH = ['', '。', '，点赞！', '，继续保持。', '，很满意。'];
const CLOSE_NEG_EN = ['.', '. Please fix this.', '!', '. Disappointing.', ''];
const CLOSE_POS_EN = ['.', '!', '. Keep it up.', ', very happy.'];

export interface CommentContext {
  bank: BankId;
  overall: number;
  worst: AttributeId;
  best: AttributeId;
  /** Depth of icbc's migration dip in this quarter (0..1), 0 for other banks. */
  dip: number;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function composeComment(rng: Rng, ctx: CommentContext): string {
  const english = rng.chance(0.28);
  const bank = BANKS.find((b) => b.bank_id === ctx.bank)!;
  const polarity = ctx.overall <= 6 ? 'neg' : ctx.overall >= 9 ? 'pos' : rng.chance(0.6) ? 'mixed' : 'neg';

  let neg = english ? rng.pick(PHRASES[ctx.worst].negEn) : rng.pick(PHRASES[ctx.worst].negZh);
  if (ctx.dip > 0.3 && MIGRATION_ATTRIBUTES.includes(ctx.worst) && rng.chance(0.5)) {
    neg = english ? rng.pick(MIGRATION_EN) : rng.pick(MIGRATION_ZH);
  }
  // Markup typed by a customer (or pasted from a broken notice) must reach the page as text.
  if (ctx.worst === 'app_stability' && rng.chance(0.02)) {
    neg = english ? 'the notice in the app shows raw <br> tags' : 'APP公告里直接显示<br>标签，太不专业了';
  }
  const pos = english ? rng.pick(PHRASES[ctx.best].posEn) : rng.pick(PHRASES[ctx.best].posZh);

  let body: string;
  if (english) {
    if (polarity === 'pos') body = pos + rng.pick(CLOSE_POS_EN);
    else if (polarity === 'mixed') body = `${pos}, but ${neg}` + rng.pick(CLOSE_NEG_EN);
    else body = neg + rng.pick(CLOSE_NEG_EN);
    const opener = rng.pick(OPENERS_EN).replace('{bank}', bank.short_en);
    body = opener ? opener + body : capitalise(body);
  } else {
    if (polarity === 'pos') body = pos + rng.pick(CLOSE_POS_ZH);
    else if (polarity === 'mixed') body = `${pos}，但是${neg}` + rng.pick(CLOSE_NEG_ZH);
    else body = neg + rng.pick(CLOSE_NEG_ZH);
    body = rng.pick(OPENERS_ZH).replace('{bank}', bank.short_zh) + body;
  }
  // A suggestion on its own line: multi-line cells that a naive CSV split would break.
  if (polarity !== 'pos' && rng.chance(0.03)) {
    body += '\n' + (english ? rng.pick(SUGGESTIONS_EN) : rng.pick(SUGGESTIONS_ZH));
  }
  return body;
}
