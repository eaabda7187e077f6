import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/site/csp.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { E2E_OUT } from './global-setup.ts';
import { builtPages } from './site-pages.ts';

/**
 * The Content-Security-Policy every page carries: present before anything it governs, satisfied by
 * the site itself (every page loads and updates without a violation), and enforced by the browser
 * (an injected script, handler, string of code or foreign request is refused).
 */

const siteUrl = inject('siteUrl');
const pages = builtPages(E2E_OUT);
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

/** Records every CSP violation the page reports, from before its first script. */
const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __cspViolations: string[] };
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
};

describe('Content-Security-Policy', () => {
  it('is the first thing in every page\'s head, and no page holds inline script or event-handler attributes', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const p of pages) {
      const html = fs.readFileSync(path.join(E2E_OUT, p, p === '' || p.endsWith('/') ? 'index.html' : ''), 'utf8');
      const { document } = new JSDOM(html).window;
      const head = [...document.head.children];
      expect(head[0]?.outerHTML, p).toBe('<meta charset="utf-8">');
      expect(head[1]?.getAttribute('http-equiv'), p).toBe('Content-Security-Policy');
      expect(head[1]?.getAttribute('content'), p).toBe(CONTENT_SECURITY_POLICY);
      for (const s of document.querySelectorAll('script')) {
        // Only the site's own files run; JSON payloads are data, never executed.
        expect(s.hasAttribute('src') || s.getAttribute('type') === 'application/json', `${p}: ${s.outerHTML.slice(0, 80)}`).toBe(true);
        if (s.hasAttribute('src')) expect(new URL(s.getAttribute('src')!, siteUrl).origin).toBe(new URL(siteUrl).origin);
      }
      for (const el of document.querySelectorAll('*')) {
        const handlers = [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name);
        expect(handlers, `${p}: <${el.tagName.toLowerCase()}>`).toEqual([]);
        for (const a of ['href', 'src', 'xlink:href']) expect(el.getAttribute(a) ?? '', p).not.toMatch(/^\s*javascript:/i);
      }
    }
  });

  it('lets every page load, and a page update, without a single violation', async () => {
    const w = await watchedPage(browser, siteUrl);
    await w.context.addInitScript(RECORD_VIOLATIONS);
    for (const p of pages) {
      await w.page.goto(`${siteUrl}${p}`, { waitUntil: 'load' });
      // The root is a redirect (<meta http-equiv="refresh">) to the default language's contents.
      if (p === '') await w.page.waitForURL(/\/zh\/$/);
      expect(await w.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), p).toEqual([]);
      // The 404 page is served with its status, which Chromium logs; nothing else may be.
      expect(w.consoleErrors.filter((e) => !(p === '404.html' && /status of 404/.test(e))), p).toEqual([]);
      w.consoleErrors.length = 0;
    }
    // The engine (worker, wasm compiled from a blob, tables fetched) and the redraw work under the policy.
    await w.page.goto(`${siteUrl}en/overview/`);
    await w.page.selectOption('select[name="quarter"]', { index: 1 });
    await waitForUpdates(w.page, 1);
    expect(await w.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    // Method cells (statistics in JavaScript, results handed to the engine as Arrow) run under it too.
    await w.page.goto(`${siteUrl}en/journey/`);
    await w.page.selectOption('select[name="quarter"]', { index: 1 });
    await waitForUpdates(w.page, 1);
    expect(await w.page.locator('[data-engine-status]').textContent()).toBe('');
    expect(await w.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    await w.context.close();
  });

  it('makes the browser refuse an injected script, handler, code from a string and foreign request', async () => {
    const w = await watchedPage(browser, siteUrl);
    await w.context.addInitScript(RECORD_VIOLATIONS);
    await w.page.goto(`${siteUrl}en/overview/`);
    const outcome = await w.page.evaluate(async () => {
      const win = window as unknown as { __injected?: string; __cspViolations: string[] };
      // An inline script element, as one injected element would be.
      const inline = document.createElement('script');
      inline.textContent = 'window.__injected = "inline script"';
      document.body.append(inline);
      // Markup with an event handler, as `innerHTML` of unescaped data would create.
      const holder = document.createElement('div');
      // `data:,` is no image: its error event fires on every Chromium (an inserted <svg>'s load event does not on all).
      holder.innerHTML = '<img src="data:," onerror="window.__injected = \'handler\'"><svg onload="window.__injected = \'svg\'"></svg>';
      document.body.append(holder);
      // A script from another origin.
      const foreign = document.createElement('script');
      foreign.src = 'https://cdn.example.com/x.js';
      document.body.append(foreign);
      // Code from a string (the test's own evaluation is exempt from the policy; a string timer is not).
      setTimeout('window.__injected = "string timer"', 0);
      let fetchRefused = false;
      try {
        await fetch('https://collect.example.com/?q=1');
      } catch {
        fetchRefused = true;
      }
      await new Promise((r) => setTimeout(r, 300));
      return { injected: win.__injected ?? null, fetchRefused, violations: win.__cspViolations };
    });
    expect(outcome.injected).toBeNull();
    expect(outcome.fetchRefused).toBe(true);
    const directives = outcome.violations.map((v) => v.split(' ')[0]);
    expect(directives).toContain('script-src-elem'); // the inline and the foreign script
    expect(directives).toContain('script-src-attr'); // the handlers
    expect(directives).toContain('script-src'); // code from a string
    expect(directives).toContain('connect-src'); // the foreign fetch
    expect(outcome.violations).toContain('script-src-elem https://cdn.example.com/x.js');
    await w.context.close();
  });
});
