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

/**
 * A table that scrolls says so: its container sits in a frame (position: relative, no box of its
 * own, so nothing moves) that shows a fade at the edge with more columns and a hint ("← scroll →"),
 * over the table's top-right corner, until the reader reaches the last column.
 */
function hint(el: HTMLElement, scrolls: boolean): void {
  if (!el.classList.contains('table-scroll')) return;
  let frame = el.parentElement?.classList.contains('scroll-frame') ? el.parentElement : null;
  if (!frame && !scrolls) return;
  if (!frame) {
    frame = document.createElement('div');
    frame.className = 'scroll-frame';
    const label = document.createElement('span');
    label.className = 'scroll-hint';
    label.setAttribute('aria-hidden', 'true');
    label.textContent = t.scrollHint;
    el.replaceWith(frame);
    frame.append(el, label);
    el.addEventListener('scroll', () => atEnd(el), { passive: true });
  }
  frame.toggleAttribute('data-scrolls', scrolls);
  atEnd(el);
}

function atEnd(el: HTMLElement): void {
  const frame = el.parentElement;
  if (!frame?.classList.contains('scroll-frame')) return;
  frame.toggleAttribute('data-at-start', el.scrollLeft <= 1);
  frame.toggleAttribute('data-at-end', el.scrollLeft + el.clientWidth >= el.scrollWidth - 1);
}

function mark(el: HTMLElement): void {
  const scrolls = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
  hint(el, scrolls);
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
