import type { Locale } from '../../text/locale.ts';
import { ui } from '../i18n.ts';
import type { DownloadFormat } from './export.ts';

/**
 * A download menu in every chart figure's top-right corner (CSV of the data, SVG, PNG at 2×). It
 * needs JavaScript, so it is added here and absent with JavaScript off; the caption keeps room for
 * it in CSS (styles.css, `.chart-menu`), so adding it moves nothing. A <details> menu: its summary
 * is a button for the keyboard (Enter/Space), Escape or a click elsewhere closes it. The files are
 * built by export.ts, loaded on the first download.
 */

const locale: Locale = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
const t = ui(locale);

/** Until the page shows the state in the URL (an update may be under way), so the file matches its name. */
async function settled(): Promise<void> {
  const root = document.documentElement;
  for (let waited = 0; root.hasAttribute('data-busy') && waited < 120_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}

function reportFailure(error: unknown): void {
  console.error(error);
  showStatus(`${t.downloadFailed}: ${(error as Error).message}`);
}

/** Copying an image needs the async clipboard with ClipboardItem (a secure context); else the button is left out. */
const canCopyImage = typeof ClipboardItem !== 'undefined' && typeof navigator.clipboard?.write === 'function' && window.isSecureContext;

function showStatus(text: string): void {
  const status = document.querySelector<HTMLElement>('[data-engine-status]');
  if (status) status.textContent = text;
}

/**
 * Puts the figure's PNG (the same image as the PNG download, context included) on the clipboard. The
 * write is started within the click, with the image still to come as a promise, as Safari requires.
 */
async function copyImage(figure: HTMLElement): Promise<void> {
  const png = (async () => {
    await settled();
    const { figurePng } = await import('./export.ts');
    return figurePng(figure);
  })();
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
  showStatus(t.imageCopied);
}

function addMenu(figure: HTMLElement): void {
  if (figure.querySelector(':scope > .chart-menu')) return;
  const caption = figure.querySelector<HTMLElement>(':scope > figcaption');
  const chartWithTable = figure.querySelector('[data-chart-table]') !== null;
  // A `type: table` chart is its own data: CSV only.
  const formats: [DownloadFormat, string][] = chartWithTable
    ? [
        ['csv', t.downloadCsv],
        ['svg', t.downloadSvg],
        ['png', t.downloadPng],
      ]
    : [['csv', t.downloadCsv]];

  const menu = document.createElement('details');
  menu.className = 'chart-menu';
  const summary = document.createElement('summary');
  // The icon is drawn in CSS (a mask): no extra <svg> in the figure, whose SVG is the chart's.
  summary.innerHTML = '<span class="chart-menu-icon" aria-hidden="true"></span><span class="chart-menu-label"></span>';
  summary.querySelector('.chart-menu-label')!.textContent = t.download;
  summary.title = t.download;
  if (caption?.id) summary.setAttribute('aria-describedby', caption.id);
  const list = document.createElement('div');
  list.className = 'chart-menu-list';
  list.setAttribute('role', 'group');
  list.setAttribute('aria-label', t.download);
  const buttons = formats.map(([format, label]) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.download = format;
    button.textContent = label;
    button.addEventListener('click', async () => {
      menu.open = false;
      summary.focus();
      try {
        await settled();
        const { downloadFigure } = await import('./export.ts');
        await downloadFigure(figure, format);
      } catch (e) {
        reportFailure(e);
      }
    });
    return button;
  });
  if (chartWithTable && canCopyImage) {
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.dataset.copy = 'png';
    copy.textContent = t.copyImage;
    copy.addEventListener('click', () => {
      menu.open = false;
      summary.focus();
      copyImage(figure).catch(reportFailure);
    });
    buttons.push(copy);
  }
  list.append(...buttons);
  menu.append(summary, list);

  menu.addEventListener('toggle', () => {
    if (!menu.open) return;
    // One menu open at a time; a format whose source is absent now (e.g. no rows) is disabled.
    for (const other of document.querySelectorAll<HTMLDetailsElement>('.chart-menu[open]')) if (other !== menu) other.open = false;
    const hasTable = figure.querySelector('[data-chart-table] table, [data-chart-body] table') !== null;
    const hasSvg = figure.querySelector('[data-chart-body] svg') !== null;
    for (const b of buttons) b.disabled = b.dataset.download === 'csv' ? !hasTable : !hasSvg;
  });
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && menu.open) {
      menu.open = false;
      summary.focus();
      e.stopPropagation();
    }
  });
  if (caption) caption.after(menu);
  else figure.prepend(menu);
}

for (const figure of document.querySelectorAll<HTMLElement>('figure.chart[data-chart]')) addMenu(figure);

document.addEventListener('click', (e) => {
  for (const menu of document.querySelectorAll<HTMLDetailsElement>('.chart-menu[open]')) if (!menu.contains(e.target as Node)) menu.open = false;
});
