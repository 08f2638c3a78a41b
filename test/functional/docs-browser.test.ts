/**
 * The generated docs site in a real headless Chromium, opened from disk (file://) and served:
 * every node's page renders, deep links land on the right page, the lineage graph draws and
 * the selector box filters it exactly as `tx ls` selects, search finds columns, the run report
 * shows the last build, and nothing logs an error. One browser for the file, pages reused.
 * Screenshots go to $TX_DOCS_SCREENSHOTS (default: <tmp>/tx-docs-screenshots).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { CLI, removeDir, tx } from './harness.js';
import { copyExample, siteOf } from './docs-helpers.js';
import { describeBrowser, launchChromium } from './browser.js';
import type { SiteData } from '../../src/docs/site-types.js';

const SHOTS = process.env['TX_DOCS_SCREENSHOTS'] ?? join(tmpdir(), 'tx-docs-screenshots');
const GRAPH_TYPES = new Set(['model', 'seed', 'snapshot', 'source', 'analysis']);

describeBrowser('docs site in headless Chromium', () => {
  let dir: string;
  let data: SiteData;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const fileUrl = (hash: string): string => `${pathToFileURL(join(dir, 'target', 'index.html')).href}${hash}`;
  /** Same-document navigation: resolves once the page has rendered the new address. */
  const go = (hash: string): Promise<void> =>
    page.evaluate((h) => new Promise<void>((done) => {
      if (location.hash === h) return done();
      addEventListener('hashchange', () => done(), { once: true });
      location.hash = h;
    }), hash);

  beforeAll(async () => {
    dir = copyExample();
    expect((await tx(['build'], { cwd: dir })).code).toBe(0);
    expect((await tx(['docs', 'generate'], { cwd: dir })).code).toBe(0);
    data = siteOf(dir).data;
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    // Nothing may be fetched from the network.
    await page.route(/^https?:/, (route) => {
      errors.push(`network request: ${route.request().url()}`);
      return route.abort();
    });
  });
  afterAll(async () => {
    await browser?.close();
    removeDir(dir);
  });

  it('opens a deep link (dbt docs address) on the right page, with description and columns', async () => {
    await page.goto(fileUrl('#!/model/model.tx_example.user_features'));
    await page.waitForSelector('.node-page[data-id="model.tx_example.user_features"]');
    expect(await page.textContent('h1')).toBe('user_features');
    expect(await page.textContent('.node-page .md')).toContain('Daily activity per user from 2026-01-01 on');
    const rows = await page.$$eval('table.columns tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim())));
    expect(rows[0]).toEqual(['user_id', 'INTEGER', '']);
    expect(rows.find((r) => r[0] === 'daily_spend')).toEqual(['daily_spend', 'DECIMAL(38,2)', 'Sum of purchase_amount over events with a non-negative amount.']);
    // Column tests carry the last run's status.
    expect(await page.getAttribute('tr[data-column="user_id"] a.badge', 'title')).toMatch(/not_null_user_features_user_id — pass/);
    expect(await page.textContent('.code pre')).toContain('from "tx_example"');
    await page.click('.code button[data-code="source"]');
    expect(await page.textContent('.code pre')).toContain("{{ source('bronze', 'user_events') }}");
    expect(await page.$$eval('.tree .row.active', (els) => els.map((e) => e.textContent))).toEqual(['user_features']);
    await page.screenshot({ path: join(SHOTS, 'model-page.png'), fullPage: true });
  });

  it('renders a page for every node', async () => {
    await page.goto(fileUrl('#!/overview'));
    await page.waitForSelector('.overview');
    const wrong: string[] = [];
    for (const n of data.nodes) {
      await go(`#!/${n.t}/${encodeURIComponent(n.id)}`);
      const [id, h1] = await page.evaluate(() => [document.querySelector('.node-page')?.getAttribute('data-id'), document.querySelector('h1')?.textContent]);
      const name = n.t === 'source' ? `${n.src}.${n.n}` : n.n;
      if (id !== n.id || h1 !== name) wrong.push(`${n.id}: got ${String(id)} / ${String(h1)}`);
    }
    expect(wrong).toEqual([]);
    expect(data.nodes.length).toBeGreaterThan(40);
  });

  it('shows the overview and the tree by folder and by database', async () => {
    await go('#!/overview');
    expect(await page.textContent('.overview h1')).toBe('tx_example');
    expect(await page.$$eval('.cards .card span', (els) => els.map((e) => e.textContent))).toContain('models');
    await page.screenshot({ path: join(SHOTS, 'overview.png') });
    await page.click('.tabs button[data-tab="database"]');
    const labels = await page.$$eval('.tree .row', (els) => els.map((e) => e.textContent ?? ''));
    expect(labels.some((l) => l.includes('main_silver'))).toBe(true);
    await page.click('.tabs button[data-tab="project"]');
  });

  it('draws the lineage graph, and the selector box selects what `tx ls` selects', async () => {
    await go('#!/lineage');
    await page.waitForSelector('svg.graph .gnode');
    expect(await page.locator('.gnode').count()).toBe(data.nodes.filter((n) => GRAPH_TYPES.has(n.t)).length);
    expect(await page.locator('.gedge').count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(SHOTS, 'lineage.png') });

    await page.fill('#lineage-select', '+silver.user_features+');
    await page.press('#lineage-select', 'Enter');
    await page.waitForFunction(() => document.querySelectorAll('.gnode').length === 7);
    const drawn = await page.$$eval('.gnode', (els) => els.map((e) => e.querySelector('title')?.textContent?.split('\n')[0]).sort());
    const ls = await tx(['ls', '-q', '--select', '+silver.user_features+', '--resource-type', 'model', 'seed', 'snapshot', 'source', 'analysis', '--output', 'json', '--output-keys', 'unique_id'], { cwd: dir });
    const expected = ls.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { unique_id: string }).unique_id).sort();
    expect(drawn).toEqual(expected);
    expect(new URL(page.url()).hash).toBe('#!/lineage?s=%2Bsilver.user_features%2B');

    await page.fill('#lineage-select', 'tga:nightly');
    await page.press('#lineage-select', 'Enter');
    await page.waitForFunction(() => /not a valid selector method/.test(document.querySelector('.controls .error')?.textContent ?? ''));
    expect(await page.textContent('.controls .error')).toMatch(/did you mean 'tag'/);
  });

  it('focuses a node with depth controls, pans, zooms and clicks through to its page', async () => {
    await go('#!/lineage');
    await page.waitForSelector('.gnode');
    const transform = (): Promise<string | null> => page.getAttribute('svg.graph .viewport', 'transform');
    const before = await transform();
    const box = (await page.locator('.canvas').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 40);
    await page.mouse.wheel(0, -400);
    const zoomed = await transform();
    expect(zoomed).not.toBe(before);
    await page.mouse.down();
    await page.mouse.move(box.x + 140, box.y + 90, { steps: 4 });
    await page.mouse.up();
    expect(await transform()).not.toBe(zoomed);
    await page.click('button:text("Fit")');

    const uf = data.nodes.findIndex((n) => n.id === 'model.tx_example.user_features');
    await page.click(`.gnode[data-i="${uf}"] rect.box`);
    await page.waitForSelector('.panel');
    expect(await page.locator('.gnode.hot').count()).toBe(7);
    await page.fill('.panel input[title^="upstream"]', '1');
    await page.fill('.panel input[title^="downstream"]', '0');
    await page.click('#focus-go');
    await page.waitForFunction(() => document.querySelectorAll('.gnode').length === 2);
    expect(await page.inputValue('#lineage-select')).toBe('1+tx_example.silver.user_features');
    await page.click(`.gnode[data-i="${uf}"] rect.box`);
    await page.click('#open-node');
    await page.waitForSelector('.node-page[data-id="model.tx_example.user_features"]');
  });

  it('search finds a column', async () => {
    await go('#!/overview');
    await page.fill('#search', 'daily_spend');
    await page.waitForSelector('li[data-hit="model.tx_example.user_features"]');
    expect(await page.textContent('li[data-hit="model.tx_example.user_features"] .why')).toContain('matched column daily_spend');
    // Enter opens the best hit.
    await page.fill('#search', 'training_set');
    await page.waitForFunction(() => document.querySelector('.results .sub')?.textContent?.includes('training_set'));
    const first = await page.getAttribute('.results li[data-hit] >> nth=0', 'data-hit');
    expect(first).toBe('model.tx_example.training_set');
    await page.press('#search', 'Enter');
    await page.waitForSelector('.node-page[data-id="model.tx_example.training_set"]');
  });

  it('shows the last run as a timeline with hover details, and the slowest nodes', async () => {
    await go('#!/runs');
    await page.waitForSelector('.timeline rect.bar');
    expect(await page.locator('.timeline rect.bar').count()).toBe(data.run!.items.filter((r) => r.start !== null).length);
    const lanes = new Set(data.run!.items.map((r) => r.thread)).size;
    expect(await page.locator('.timeline text', { hasText: 'Thread-' }).count()).toBe(lanes);
    await page.hover('.timeline rect.bar >> nth=0');
    await page.waitForSelector('#tip', { state: 'visible' });
    expect(await page.textContent('#tip')).toMatch(/(success|pass)\nstarted \+/);
    expect(await page.locator('table.slow tbody tr').count()).toBe(Math.min(25, data.run!.items.length));
    await page.screenshot({ path: join(SHOTS, 'run-report.png') });
  });

  it('works the same when served', async () => {
    const child = spawn(process.execPath, [CLI, 'docs', 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Serving docs at (\S+)/.exec(out);
          if (m) done(m[1]!);
        });
        child.on('exit', () => fail(new Error(out)));
      });
      const served = await browser.newPage();
      served.on('pageerror', (e) => errors.push(`served pageerror: ${e.message}`));
      await served.goto(`${url}#!/source/source.tx_example.bronze.user_events`);
      await served.waitForSelector('.node-page[data-id="source.tx_example.bronze.user_events"]');
      expect(await served.textContent('h1')).toBe('bronze.user_events');
      await served.close();
    } finally {
      child.kill('SIGINT');
    }
  });

  it('logs no console errors and makes no network requests', () => {
    expect(errors).toEqual([]);
  });
});
