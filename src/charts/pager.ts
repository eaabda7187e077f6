/** The words of a paged table's pager (charts/table.ts draws it, site/client/pager.ts turns it): kept apart so the page's first script stays small. */
export const PAGER_TEXT = {
  zh: { pages: '分页', previous: '上一页', next: '下一页', status: (from: number, to: number, n: number) => `第 ${from}–${to} 条，共 ${n} 条` },
  en: { pages: 'Pages', previous: 'Previous page', next: 'Next page', status: (from: number, to: number, n: number) => `${from}–${to} of ${n}` },
};

/** The pager's status line for a 0-based page, e.g. "21–40 of 200". */
export function pagerStatus(locale: 'zh' | 'en', page: number, pageSize: number, n: number): string {
  return PAGER_TEXT[locale].status(page * pageSize + 1, Math.min(n, (page + 1) * pageSize), n);
}
