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
import { copyExample, runOf, siteOf } from './docs-helpers.js';
import { describeBrowser, launchChromium } from './browser.js';
import type { SiteData } from '../../src/docs/site-types.js';

const SHOTS = process.env['TX_DOCS_SCREENSHOTS'] ?? join(tmpdir(), 'tx-docs-screenshots');
const GRAPH_TYPES = new Set(['model', 'seed', 'snapshot', 'source', 'analysis', 'exposure']);

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
    await page.waitForFunction(() => document.querySelectorAll('.gnode').length === 8);
    const drawn = await page.$$eval('.gnode', (els) => els.map((e) => e.querySelector('title')?.textContent?.split('\n')[0]).sort());
    const ls = await tx(['ls', '-q', '--select', '+silver.user_features+', '--resource-type', 'model', 'seed', 'snapshot', 'source', 'analysis', 'exposure', '--output', 'json', '--output-keys', 'unique_id'], { cwd: dir });
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
    expect(await page.locator('.gnode.hot').count()).toBe(8);
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
    const run = runOf(data)!;
    await go('#!/runs');
    await page.waitForSelector('.timeline rect.bar');
    // Bars too thin to tell apart merge (data-n counts them): every timed result is drawn once.
    const drawn = await page.$$eval('.timeline rect.bar', (bars) => bars.reduce((s, b) => s + Number(b.getAttribute('data-n') ?? '1'), 0));
    expect(drawn).toBe(run.items.filter((r) => r.start !== null).length);
    const lanes = new Set(run.items.map((r) => r.thread)).size;
    expect(await page.locator('.timeline text', { hasText: 'Thread-' }).count()).toBe(lanes);
    await page.hover('.timeline rect.bar >> nth=0');
    await page.waitForSelector('#tip', { state: 'visible' });
    expect(await page.textContent('#tip')).toMatch(/(success|pass)\nstarted \+/);
    expect(await page.locator('table.slow tbody tr').count()).toBe(Math.min(25, run.items.length));
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

  it('shows column lineage on a model page: kinds, filter columns, hover to trace, click to follow', async () => {
    await go('#!/model/model.tx_example.user_features');
    await page.waitForSelector('#column-lineage .cl-edge');
    expect(await page.locator('#column-lineage .cl-edge.aggregation').count()).toBeGreaterThan(0);
    expect(await page.locator('#column-lineage .cl-edge.filter').count()).toBeGreaterThan(0);
    // The columns table names each upstream column and how it is used.
    expect(await page.textContent('tr[data-column="daily_spend"] td.upstream')).toMatch(/user_events\.purchase_amount\s*aggregation/);
    await page.hover('#column-lineage .cl-row[data-key="f:daily_spend"]');
    expect(await page.locator('#column-lineage .cl-edge.hl').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'model-column-lineage.png'), fullPage: true });
    // Following a downstream relation redraws the explorer for it, with a trail back.
    const readers = await page.$$eval('#column-lineage .cl-box:not(.focus) .head[data-open]', (els) => els.map((e) => e.getAttribute('data-open')));
    expect(readers.length).toBeGreaterThan(0);
    await page.click(`#column-lineage .head[data-open="${readers[readers.length - 1]}"]`);
    await page.waitForSelector('#column-lineage .cl-trail a[data-trail="0"]');
    expect(await page.textContent('#column-lineage .cl-trail')).toMatch(/^user_features › /);
    await page.click('#column-lineage .cl-trail a[data-trail="0"]');
    await page.waitForFunction(() => document.querySelector('#column-lineage .cl-panel')?.getAttribute('data-node') === document.querySelector('#column-lineage .cl-panel')?.getAttribute('data-start'));
  });

  it('opens the focused node\'s column lineage in the lineage view, from a deep link too', async () => {
    const ts = data.nodes.findIndex((n) => n.id === 'model.tx_example.training_set');
    await go(`#!/lineage?s=${encodeURIComponent('+gold.training_set')}&f=model.tx_example.training_set`);
    await page.waitForSelector('#column-drawer .cl-edge');
    expect(await page.locator('#column-drawer .cl-edge.join').count()).toBeGreaterThan(0);
    expect(await page.getAttribute('.gnode.sel', 'data-i')).toBe(String(ts));
    // The focused node is kept in sight, above the drawer.
    const node = (await page.locator('.gnode.sel .box').boundingBox())!;
    const drawer = (await page.locator('#column-drawer').boundingBox())!;
    expect(node.y + node.height).toBeLessThanOrEqual(drawer.y);
    await page.screenshot({ path: join(SHOTS, 'lineage-column-drawer.png') });
    // Following an upstream relation in the drawer moves the graph's focus with it.
    const labels = data.nodes.findIndex((n) => n.id === 'model.tx_example.stg_labels');
    await page.click(`#column-drawer .head[data-open="${labels}"]`);
    await page.waitForFunction((i) => document.querySelector('.gnode.sel')?.getAttribute('data-i') === String(i), labels);
    await page.click('#column-drawer .close');
    expect(await page.locator('#column-drawer').count()).toBe(0);
    await page.click('#focus-columns');
    await page.waitForSelector('#column-drawer .cl-edge');
    expect(new URL(page.url()).hash).toContain('f=model.tx_example.training_set');
  });

  it('lists exposures in the tree, gives them a page, and draws them as leaves selectable with exposure:', async () => {
    await go('#!/overview');
    expect(await page.$$eval('.tree .row', (els) => els.map((e) => e.textContent ?? ''))).toEqual(expect.arrayContaining([expect.stringMatching(/^.?Exposures/), expect.stringMatching(/^.?ML/)]));
    await page.click('.tree a.row[href="#!/exposure/exposure.tx_example.churn_model"]');
    await page.waitForSelector('.node-page[data-id="exposure.tx_example.churn_model"]');
    const details = await page.$$eval('.kv dt', (dts) => Object.fromEntries(dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])));
    expect(details).toMatchObject({ Label: 'Churn model (training)', Type: 'ML', Maturity: 'medium', Owner: 'ML platform · ml-platform@example.com', URL: 'https://example.com/ml/churn' });
    expect(await page.getAttribute('.kv a[href^="mailto:"]', 'href')).toBe('mailto:ml-platform@example.com');
    expect(await page.getAttribute('.kv a[href^="https:"]', 'target')).toBe('_blank');
    expect(await page.$$eval('.lists li a', (as) => as.map((a) => a.textContent).sort())).toEqual(['training_set', 'user_rolling_features']);
    await page.screenshot({ path: join(SHOTS, 'exposure-page.png') });
    await page.click('a:text("View lineage →")');
    await page.waitForSelector('.gnode.t-exposure path.box');
    await go(`#!/lineage?s=${encodeURIComponent('+exposure:churn_model')}`);
    await page.waitForFunction(() => document.querySelector('.controls .info')?.textContent?.startsWith('13 nodes') || document.querySelectorAll('.gnode').length > 0);
    const drawn = await page.$$eval('.gnode', (els) => els.map((e) => e.querySelector('title')?.textContent?.split('\n')[0]).sort());
    const ls = await tx(['ls', '-q', '--select', '+exposure:churn_model', '--output', 'json', '--output-keys', 'unique_id', '--resource-type', 'model', 'seed', 'snapshot', 'source', 'analysis', 'exposure'], { cwd: dir });
    expect(drawn).toEqual(ls.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { unique_id: string }).unique_id).sort());
  });

  it("shows a source's column tests, and its tables at dbt docs' #!/source_list address", async () => {
    await go('#!/source/source.tx_example.bronze.user_events');
    expect(await page.getAttribute('tr[data-column="event_id"] a.badge', 'title')).toMatch(/source_not_null_bronze_user_events_event_id — pass/);
    await page.click('.kv a[href="#!/source_list/bronze"]');
    await page.waitForSelector('.source-list[data-source="bronze"]');
    expect(await page.$$eval('.source-list tr[data-node]', (trs) => trs.map((t) => t.getAttribute('data-node')))).toEqual(['source.tx_example.bronze.labels', 'source.tx_example.bronze.user_events']);
    expect(await page.title()).toBe('bronze (source) · tx_example');
    expect(await page.$$eval('.tree .row.active', (els) => els.map((e) => e.getAttribute('data-folder')))).toEqual(['/tx_example/sources/bronze']);
  });

  it('shows macro pages with their documented arguments and SQL', async () => {
    await go('#!/macro/macro.tx_example.safe_divide');
    await page.waitForSelector('table.args');
    expect(await page.$$eval('table.args tbody tr td:first-child', (tds) => tds.map((t) => t.textContent))).toEqual(['numerator', 'denominator']);
    expect(await page.textContent('.node-page .md')).toContain('returns null');
    expect(await page.textContent('.code pre')).toContain('macro safe_divide');
  });

  it('keeps the title and the tree highlight in step with the page', async () => {
    await go('#!/model/model.tx_example.training_set');
    expect(await page.title()).toBe('training_set · tx_example');
    expect(await page.locator('.tree .row.active').count()).toBe(1);
    await go('#!/lineage');
    expect(await page.title()).toBe('Lineage · tx_example');
    expect(await page.locator('.tree .row.active').count()).toBe(0);
    await go('#!/runs');
    expect(await page.title()).toBe('Run report · tx_example');
    await go('#!/search?q=labels');
    expect(await page.title()).toBe('Search: labels · tx_example');
    await go('#!/overview');
    expect(await page.title()).toBe('tx_example · tx docs');
  });

  it('lays a small graph out readable and clear of the legend, with a one-row focus panel', async () => {
    await go('#!/lineage');
    await page.waitForSelector('.gnode');
    await page.waitForFunction(() => (window as unknown as { __txDocs?: { scale?: number } }).__txDocs?.scale !== undefined);
    expect(await page.evaluate(() => (window as unknown as { __txDocs: { scale: number } }).__txDocs.scale)).toBeGreaterThanOrEqual(0.8);
    const canvas = (await page.locator('.canvas').boundingBox())!;
    const legend = (await page.locator('.legend').boundingBox())!;
    expect(legend.y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
    // Seeds live outside a layer folder: no band that could pass for bronze's.
    for (const seed of await page.$$('.gnode.t-seed')) expect(await seed.$$eval('rect', (r) => r.length)).toBe(1);
    const uf = data.nodes.findIndex((n) => n.id === 'model.tx_example.user_features');
    await page.click(`.gnode[data-i="${uf}"] .box`);
    await page.waitForSelector('.panel .focus-row');
    const boxes = await page.$$eval('.panel .focus-row > *', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return { w: r.width, mid: r.top + r.height / 2, tag: e.tagName }; }));
    for (const b of boxes.filter((x) => x.tag === 'INPUT')) expect(b.w).toBeLessThan(70);
    const mids = boxes.map((b) => b.mid);
    expect(Math.max(...mids) - Math.min(...mids)).toBeLessThan(4);
    // Zoomed far out, box labels give way to names of the important nodes, and hovering names any node.
    const box = (await page.locator('.canvas').boundingBox())!;
    await page.click('#column-drawer .close').catch(() => undefined);
    await page.mouse.move(box.x + box.width / 2, box.y + 60);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 500);
    await page.waitForSelector('svg.graph.far');
    await page.waitForFunction(() => document.querySelectorAll('.lod text').length > 0);
    expect(await page.locator('.lod text').count()).toBeLessThanOrEqual(data.nodes.filter((n) => GRAPH_TYPES.has(n.t)).length);
    await page.click('button:text("Fit")');
    await page.hover(`.gnode[data-i="${uf}"] .box`);
    await page.waitForSelector('#tip', { state: 'visible' });
    expect(await page.textContent('#tip')).toMatch(/^user_features\nmodel · silver/);
  });

  it('fits a 1024-pixel screen: no page-wide horizontal scroll, no truncated run report columns', async () => {
    const narrow = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    narrow.on('pageerror', (e) => errors.push(`narrow pageerror: ${e.message}`));
    try {
      for (const hash of ['#!/source/source.tx_example.bronze.user_events', '#!/model/model.tx_example.training_set', '#!/runs', '#!/source_list/bronze', '#!/exposure/exposure.tx_example.churn_model', '#!/overview']) {
        await narrow.goto(fileUrl(hash));
        await narrow.waitForSelector('.page');
        const [scroll, client] = await narrow.evaluate(() => [document.getElementById('main')!.scrollWidth, document.getElementById('main')!.clientWidth]);
        expect(scroll, hash).toBeLessThanOrEqual(client);
      }
      await narrow.goto(fileUrl('#!/runs'));
      await narrow.waitForSelector('table.slow');
      const clipped = await narrow.$$eval('table.slow td', (tds) => tds.filter((td) => td.scrollWidth > td.clientWidth + 1).length);
      expect(clipped).toBe(0);
      // The same timestamp format as the overview's.
      expect(await narrow.textContent('.runs .sub')).toMatch(/^build · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
      await narrow.screenshot({ path: join(SHOTS, 'run-report-1024.png'), fullPage: true });
    } finally {
      await narrow.close();
    }
  });

  it('logs no console errors and makes no network requests', () => {
    expect(errors).toEqual([]);
  });
});
