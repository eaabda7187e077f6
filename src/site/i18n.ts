import type { Locale } from '../notebook/types.ts';

/** Every UI string of the site, once per language. Data labels come from the data's _zh/_en columns. */
export const UI = {
  zh: {
    siteTitle: '客户体验报告',
    language: '语言',
    otherLanguage: 'English',
    nav: '报告页面',
    contents: '目录',
    inputs: '筛选条件',
    loadingEngine: '正在启动查询引擎…',
    updating: '正在更新…',
    engineError: '更新失败',
    method: '方法',
    showTable: '以表格显示数据',
    synthetic: '本站数据为合成的演示数据，不代表任何银行的真实表现。',
    from: '从',
    to: '至',
    noRows: '当前筛选条件下没有数据。',
    builtFrom: '数据构建于',
    skipToContent: '跳到正文',
  },
  en: {
    siteTitle: 'Customer Experience Report',
    language: 'Language',
    otherLanguage: '中文',
    nav: 'Report pages',
    contents: 'Contents',
    inputs: 'Filters',
    loadingEngine: 'Starting the query engine…',
    updating: 'Updating…',
    engineError: 'Update failed',
    method: 'Method',
    showTable: 'Show the data as a table',
    synthetic: 'The data on this site are synthetic demonstration data; they do not describe any real bank.',
    from: 'From',
    to: 'To',
    noRows: 'No data for the current filters.',
    builtFrom: 'Built from data of',
    skipToContent: 'Skip to content',
  },
} satisfies Record<Locale, Record<string, string>>;

export type UiStrings = (typeof UI)['en'];

export function ui(locale: Locale): UiStrings {
  return UI[locale];
}
