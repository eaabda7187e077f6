import { inputCells, sameValue, unknownInQuery, valuesFromQuery, valuesToQuery } from '../../notebook/inputs.ts';
import type { InputValues } from '../../notebook/types.ts';
import { ui } from '../i18n.ts';
import { linkNotice } from '../link-notice.ts';
import { printState } from '../print-state.ts';
import type { CellResults } from '../../notebook/run.ts';
import { everyStatePrecomputed, invalidatedCells, nextStates, stateKey } from '../../notebook/states.ts';
import type { PageRenderer } from './renderer.ts';
import type { PagePayload, PageRuntime } from './runtime.ts';

/**
 * The page's first-paint script: small on purpose. It reads the inputs and keeps them in the URL.
 * When the reader asks for another state it draws the build's precomputed rows for it (renderer.ts:
 * Plot, no DuckDB), or, for a state the build did not precompute, loads the engine (runtime.ts:
 * DuckDB-WASM) as well. After the reader's first change it fetches, at idle time, the precomputed
 * states one change away (a few KiB each), and, once the reader pauses, starts the engine when the
 * page has states the build did not precompute; neither when the reader's browser asks to save data.
 */

/** Precomputed states fetched ahead after each change: the next change is then drawn with no request. */
const STATES_AHEAD = 12;

/** The pause after a change before the engine warms up (a reader stepping through states is not paused). */
const ENGINE_AFTER_PAUSE_MS = 2000;

/** What the browser says of the connection (Network Information API; Chromium only). */
function connection(): { saveData?: boolean; effectiveType?: string } | undefined {
  return (navigator as { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
}

const idle = (f: () => void) => {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  if (ric) ric(f, { timeout: 2000 });
  else setTimeout(f, 200);
};

const payloadEl = document.getElementById('cx-notebook');
if (payloadEl) {
  const payload = JSON.parse(payloadEl.textContent!) as PagePayload;
  const { notebook: nb, defaults, locale } = payload;
  const t = ui(locale);
  const form = document.querySelector<HTMLFormElement>('form[data-inputs]');
  const status = document.querySelector<HTMLElement>('[data-engine-status]');
  let shown: InputValues = { ...defaults }; // the state the page currently displays
  let runtime: Promise<PageRuntime> | undefined;
  let engineUp = false;
  let pending = Promise.resolve();
  /** The inputs the reader changed, the latest first: their other values are fetched ahead first. */
  let changedInputs: string[] = [];

  const readForm = (): InputValues => {
    const values: InputValues = {};
    for (const [name, def] of Object.entries(defaults)) {
      const controls = [...(form?.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`) ?? [])];
      if (!Array.isArray(def)) values[name] = (controls[0] as HTMLSelectElement | undefined)?.value ?? def;
      else if (controls[0] instanceof HTMLInputElement && controls[0].type === 'checkbox') values[name] = controls.filter((c) => (c as HTMLInputElement).checked).map((c) => c.value);
      else values[name] = controls.map((c) => c.value);
    }
    return values;
  };

  const writeForm = (values: InputValues) => {
    for (const [name, value] of Object.entries(values)) {
      const controls = [...(form?.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`) ?? [])];
      controls.forEach((c, i) => {
        if (c instanceof HTMLInputElement && c.type === 'checkbox') c.checked = (value as string[]).includes(c.value);
        else c.value = Array.isArray(value) ? value[i]! : value;
      });
    }
  };

  const setStatus = (text: string, busy: boolean) => {
    if (status) status.textContent = text;
    document.documentElement.toggleAttribute('data-busy', busy);
  };

  const syncLanguageLink = () => {
    const link = document.querySelector<HTMLAnchorElement>('[data-lang-switch]');
    if (link) link.search = location.search;
  };

  // The renderer (charts, no engine) draws precomputed states and the engine's rows alike.
  let renderer: Promise<PageRenderer> | undefined;
  const loadRenderer = () => (renderer ??= import('./renderer.ts').then((m) => new m.PageRenderer(nb, locale)));
  const startEngine = () => {
    if (!runtime) {
      performance.mark('cx-engine-start');
      const starting = import('./runtime.ts').then((m) => m.PageRuntime.start(payload));
      runtime = starting;
      starting.then(
        () => {
          engineUp = true;
          performance.mark('cx-engine-ready');
        },
        // A dropped connection: the next change that needs the engine tries again.
        () => {
          if (runtime === starting) runtime = undefined;
        },
      );
    }
    return runtime;
  };

  /**
   * The file of a state the build precomputed, if it did; tests force the engine path with
   * <html data-cx-engine="always"> to compare both paths' drawings.
   */
  const stateFile = (values: InputValues): string | undefined => {
    if (document.documentElement.dataset.cxEngine === 'always' || !payload.states) return undefined;
    const file = payload.states.files[stateKey(nb, values, defaults)];
    return file ? payload.states.url + file : undefined;
  };

  /** Rows of the precomputed states fetched so far (or on their way), by file. */
  const stateRows = new Map<string, Promise<CellResults>>();
  const rowsOf = (file: string) => {
    let rows = stateRows.get(file);
    if (!rows) {
      rows = import('./renderer.ts').then((m) => m.fetchState(file));
      stateRows.set(file, rows);
      rows.catch(() => stateRows.delete(file));
    }
    return rows;
  };

  /**
   * After a change, at idle time: the precomputed states one change away, those of the inputs the
   * reader changed first. Once the reader pauses, the engine (wasm and tables, megabytes, and the
   * shown state run in it) when the page has states the build did not precompute, so that one is
   * warm when asked for; a reader stepping through precomputed states meanwhile keeps the CPU.
   * Neither on a data-saving browser; the engine only on a fast connection.
   */
  let warmUp: ReturnType<typeof setTimeout> | undefined;
  const mayNeedEngine = !everyStatePrecomputed(nb, Object.keys(payload.states?.files ?? {}).length);
  const lookAhead = (values: InputValues) => {
    const net = connection();
    if (net?.saveData) return;
    idle(() => {
      const ahead = nextStates(nb, values, changedInputs)
        .map(stateFile)
        .filter((f): f is string => f !== undefined && !stateRows.has(f))
        .slice(0, STATES_AHEAD);
      for (const file of ahead) rowsOf(file).catch(() => undefined);
    });
    const fast = net?.effectiveType === undefined || net.effectiveType === '4g';
    if (runtime || !fast || !mayNeedEngine) return;
    clearTimeout(warmUp);
    warmUp = setTimeout(
      () =>
        idle(() => {
          if (runtime) return;
          startEngine()
            .then((engine) => engine.prime(shown))
            .then(() => performance.mark('cx-engine-primed'), () => undefined);
        }),
      ENGINE_AFTER_PAUSE_MS,
    );
  };

  /** Brings the page to `values`, redrawing only what changed since the displayed state. */
  const show = (values: InputValues) => {
    pending = pending.then(async () => {
      const changed = Object.keys(values).filter((k) => !sameValue(values[k], shown[k]));
      if (changed.length === 0) return;
      const file = stateFile(values);
      setStatus(file || engineUp ? t.updating : t.loadingEngine, true);
      // Marks for `npm run bench` (performance.getEntriesByType('mark')); they cost nothing otherwise.
      performance.mark('cx-update-start');
      try {
        let drawnFrom: 'precomputed' | 'engine' = 'engine';
        if (file) {
          // A precomputed state: one small file of rows, drawn by the chart code alone (no DuckDB, no wasm).
          try {
            const [draw, rows] = await Promise.all([loadRenderer(), rowsOf(file)]);
            draw.show(rows, [...invalidatedCells(nb, changed)].filter((c) => rows[c]));
            drawnFrom = 'precomputed';
          } catch (e) {
            // A host that lost the states folder, a dropped connection: the engine computes the state instead.
            console.warn(e);
          }
        }
        if (drawnFrom === 'engine') {
          setStatus(engineUp ? t.updating : t.loadingEngine, true);
          const [draw, engine] = await Promise.all([loadRenderer(), startEngine()]);
          await engine.update(values, changed, draw);
        }
        performance.mark('cx-update-end');
        shown = values;
        changedInputs = [...changed, ...changedInputs.filter((c) => !changed.includes(c))];
        lookAhead(values);
        setStatus('', false);
        // The printed page names the state it shows (hidden on screen, see print.css).
        const stateLine = document.querySelector('[data-print-state]');
        if (stateLine) stateLine.textContent = printState(inputCells(nb), values, locale);
        // Tests and scripts wait on this counter rather than on time; data-updated-from says which path drew it.
        const root = document.documentElement;
        root.dataset.updatedFrom = drawnFrom;
        root.dataset.updates = String(Number(root.dataset.updates ?? 0) + 1);
      } catch (e) {
        console.error(e);
        setStatus(`${t.engineError}: ${(e as Error).message}`, false);
      }
    });
    return pending;
  };

  // Says, under the inputs, that the link asked for a state the data do not hold (cleared by the next change).
  let notice: HTMLElement | undefined;
  const sayLinkNotice = (text: string) => {
    notice?.remove();
    notice = undefined;
    if (!text || !form) return;
    notice = document.createElement('p');
    notice.className = 'link-notice';
    notice.setAttribute('role', 'status');
    notice.dataset.linkNotice = '';
    notice.textContent = text;
    form.after(notice);
  };

  const onInput = () => {
    sayLinkNotice('');
    // Through the URL form and back, so the state shown is the state a shared link gives (search text normalised).
    const values = valuesFromQuery(nb, new URLSearchParams(valuesToQuery(nb, readForm(), defaults)), defaults);
    const query = valuesToQuery(nb, values, defaults);
    // A search box fires both while typing and on leaving it: one history entry per state.
    if ((query ? `?${query}` : '') !== location.search) history.pushState(null, '', query ? `?${query}` : location.pathname);
    syncLanguageLink();
    void show(values);
  };
  form?.addEventListener('change', onInput);
  // Enter in a search box would submit the form (a reload); the inputs apply as they change.
  form?.addEventListener('submit', (event) => event.preventDefault());

  // Search boxes update as the reader types, once typing pauses.
  let typing: ReturnType<typeof setTimeout> | undefined;
  form?.addEventListener('input', (event) => {
    if ((event.target as HTMLInputElement).type !== 'search') return;
    clearTimeout(typing);
    typing = setTimeout(onInput, 300);
  });

  addEventListener('popstate', () => {
    const values = valuesFromQuery(nb, new URLSearchParams(location.search), defaults);
    writeForm(values);
    syncLanguageLink();
    void show(values);
  });

  // A shared link reproduces its state: the prerendered defaults are replaced as soon as the engine is up.
  const initial = valuesFromQuery(nb, new URLSearchParams(location.search), defaults);
  const unknown = unknownInQuery(nb, new URLSearchParams(location.search));
  if (unknown.length) {
    // The link asked for what the data do not hold: say so, and make the URL the state actually shown,
    // so that sharing it again (or reloading) gives what the reader sees.
    sayLinkNotice(linkNotice(unknown, initial, locale));
    const query = valuesToQuery(nb, initial, defaults);
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
  writeForm(initial);
  syncLanguageLink();
  void show(initial).then(() => document.documentElement.setAttribute('data-ready', ''));
  // The renderer's code is fetched once the page is idle, so the first change fetches only its state's rows.
  if (payload.states && Object.keys(payload.states.files).length) idle(() => void loadRenderer());
}
