import { ui } from '../i18n.ts';

/**
 * Wide tables (and anything else) scroll sideways inside their own container (`.table-scroll`,
 * `.chart-body`) rather than the page. A container that does scroll right now is made reachable by
 * keyboard (tabindex 0: the arrow keys scroll it) and named for screen readers (a region labelled by
 * its figure's caption); one that fits is left alone, so it adds no tab stop. Checked again when the
 * window resizes, a disclosure opens, or the page redraws its contents (input changes, paging).
 */

const t = ui(document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');
const SELECTOR = '.table-scroll, .chart-body';

function mark(el: HTMLElement): void {
  const scrolls = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
  if (scrolls === el.hasAttribute('data-scrolls')) return;
  if (scrolls) {
    el.setAttribute('data-scrolls', '');
    el.tabIndex = 0;
    // A chart body is already an image named by its caption; a table container becomes a named region.
    if (!el.hasAttribute('role')) {
      el.setAttribute('role', 'region');
      const caption = el.closest('figure')?.querySelector(':scope > figcaption[id]');
      if (caption) el.setAttribute('aria-labelledby', caption.id);
      else el.setAttribute('aria-label', t.scrollTable);
      el.dataset.scrollRegion = '';
    }
  } else {
    el.removeAttribute('data-scrolls');
    el.removeAttribute('tabindex');
    if (el.hasAttribute('data-scroll-region')) {
      for (const name of ['role', 'aria-labelledby', 'aria-label', 'data-scroll-region']) el.removeAttribute(name);
    }
  }
}

let queued = false;
function check(): void {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    for (const el of document.querySelectorAll<HTMLElement>(SELECTOR)) mark(el);
  });
}

check();
addEventListener('resize', check);
document.addEventListener('toggle', check, true);
const main = document.querySelector('main');
if (main) new MutationObserver(check).observe(main, { childList: true, subtree: true });
