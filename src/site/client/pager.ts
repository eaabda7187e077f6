import { pagerStatus } from '../../charts/pager.ts';
import type { Locale } from '../../text/locale.ts';

/**
 * Turns the pages of paged tables (charts/table.ts `pageSize`). One listener for the whole page, so
 * tables the engine redraws after an input change page without re-wiring; a redrawn table starts on
 * its first page.
 */
const locale = (document.documentElement.lang.startsWith('zh') ? 'zh' : 'en') as Locale;

document.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('[data-pager] button[data-page-step]');
  const pager = button?.closest<HTMLElement>('[data-pager]');
  if (!button || !pager) return;
  const size = Number(pager.dataset.pageSize);
  const rows = [...pager.querySelectorAll<HTMLTableRowElement>(':scope > table > tbody > tr')];
  const last = Math.max(0, Math.ceil(rows.length / size) - 1);
  const page = Math.min(last, Math.max(0, Number(pager.dataset.page) + Number(button.dataset.pageStep)));
  pager.dataset.page = String(page);
  rows.forEach((tr, i) => (tr.hidden = i < page * size || i >= (page + 1) * size));
  const [previous, next] = pager.querySelectorAll<HTMLButtonElement>('button[data-page-step]');
  previous!.disabled = page === 0;
  next!.disabled = page === last;
  pager.querySelector('.pager-status')!.textContent = pagerStatus(locale, page, size, rows.length);
  // Keeps the keyboard where it was: a button that just became disabled would drop the focus.
  if (button.disabled) (button === previous ? next : previous)!.focus();
});
