/**
 * Benchmarks the docs site on a generated project (default 10,000 models):
 *   1. `tx docs generate` wall time (spawned CLI; most of it is parse, compile and static
 *      analysis), on a project whose warehouse holds an (empty) table per relation, so the
 *      catalog has its real size, and whose target/ holds a simulated build's run_results.json,
 *      so the run report is measured too (bench/docs-fixtures.ts);
 *   2. what index.html weighs: the site's code (script + CSS, the same for every project) and
 *      the inlined data and SQL;
 *   3. in headless Chromium (Debian's /usr/bin/chromium), from navigation start, median of
 *      --runs loads: the overview ready, a model page, the run report, and the lineage graph's
 *      first paint for the suggested default view and two ~500-node selections (five folders of
 *      mostly unconnected models; one model's whole upstream).
 * It prints numbers (and a Markdown table with --markdown) and never asserts.
 * `node dist/bench/docs.js --models 10000 --runs 3 [--keep] [--markdown]`
 */
process.env.METADATA_SERVER_DETECTION = 'none';

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { generateProject } from './generate.js';
import { createRelations, readManifest, writeRunResults } from './docs-fixtures.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(REPO, 'dist', 'src', 'cli', 'main.js');
const CHROMIUM = process.env['TX_CHROMIUM'] ?? '/usr/bin/chromium';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Bytes of each part of index.html: style, script, data, SQL. */
function parts(html: string): Record<string, number> {
  const size = (re: RegExp): number => Buffer.byteLength(re.exec(html)?.[1] ?? '', 'utf8');
  return {
    total: Buffer.byteLength(html, 'utf8'),
    css: size(/<style>([\s\S]*?)<\/style>/),
    script: size(/<script>([\s\S]*?)<\/script>/),
    data: size(/<script type="application\/json" id="tx-data">([\s\S]*?)<\/script>/),
    sql: size(/<script type="application\/json" id="tx-sql">([\s\S]*?)<\/script>/),
  };
}

/** The gold model whose upstream (itself included) is closest to `want` nodes, from manifest.json's parent_map. */
function upstreamOf(dir: string, want: number): { name: string; size: number } {
  const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as { parent_map: Record<string, string[]> };
  const parents = manifest.parent_map;
  let best = { name: '', size: 0 };
  for (const id of Object.keys(parents).filter((k) => k.startsWith('model.') && k.includes('.gold_')).slice(-300)) {
    const seen = new Set([id]);
    const stack = [id];
    while (stack.length > 0) for (const p of parents[stack.pop()!] ?? []) if (!seen.has(p) && !p.startsWith('test.')) (seen.add(p), stack.push(p));
    if (Math.abs(seen.size - want) < Math.abs(best.size - want)) best = { name: id.split('.').pop()!, size: seen.size };
  }
  return best;
}

async function browserTimes(file: string, hashes: Record<string, string>, runs: number): Promise<Record<string, { paint: number; layout: number; nodes: number }>> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const out: Record<string, { paint: number; layout: number; nodes: number }> = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    for (const [label, hash] of Object.entries(hashes)) {
      const paints: number[] = [];
      const layouts: number[] = [];
      let nodes = 0;
      for (let r = 0; r < runs; r++) {
        await page.goto('about:blank');
        await page.goto(`${pathToFileURL(file).href}${hash}`, { waitUntil: 'commit' });
        const graph = hash.startsWith('#!/lineage');
        // Runs in the page: the site records its milestones in window.__txDocs; other pages are
        // ready once their content is in the page.
        await page.waitForFunction((g) => {
          const t = (globalThis as unknown as { __txDocs?: Record<string, number> }).__txDocs;
          const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
          return g ? t?.['paintedAt'] !== undefined : t?.['ready'] !== undefined && doc.querySelector('.page') !== null;
        }, graph, { timeout: 120_000, polling: 10 });
        const t: Record<string, number> = await page.evaluate(() => ({ ...(globalThis as unknown as { __txDocs: Record<string, number> }).__txDocs, now: performance.now() }));
        // Times are from navigation start: reading the file, parsing the page and the data, rendering.
        paints.push(graph ? t['paintedAt']! : t['now']!);
        layouts.push(t['layoutMs'] ?? 0);
        nodes = t['graphNodes'] ?? t['nodes'] ?? 0;
      }
      out[label] = { paint: median(paints), layout: median(layouts), nodes };
    }
  } finally {
    await browser.close();
  }
  return out;
}

async function main(): Promise<void> {
  const models = Number(arg('models', '10000'));
  const runs = Number(arg('runs', '3'));
  const keep = process.argv.includes('--keep');
  const markdown = process.argv.includes('--markdown');
  const root = mkdtempSync(join(tmpdir(), 'tx-bench-docs-'));
  const dir = join(root, `p${models}`);
  const env = { ...process.env, NO_COLOR: '1' };
  try {
    generateProject(dir, { models });
    // Untimed: a manifest to build the fixtures from, then the fixtures themselves.
    const parse = spawnSync(process.execPath, [CLI, 'parse', '--project-dir', dir, '-q'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
    if (parse.status !== 0) throw new Error(`tx parse failed (${parse.status}): ${parse.stderr}`);
    const manifest = readManifest(dir);
    const relations = await createRelations(join(dir, 'target', 'tx_bench.duckdb'), manifest);
    const results = writeRunResults(dir, manifest);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, 'docs', 'generate', '--project-dir', dir, '-q'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
    const generateMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0) throw new Error(`tx docs generate failed (${r.status}): ${r.stderr}${r.stdout.slice(-2000)}`);
    const file = join(dir, 'target', 'index.html');
    const bytes = parts(readFileSync(file, 'utf8'));
    const catalog = JSON.parse(readFileSync(join(dir, 'target', 'catalog.json'), 'utf8')) as { nodes: object };
    console.log(`docs site, ${models} models (${relations} relations in the warehouse, ${Object.keys(catalog.nodes).length} in catalog.json; ${results} results in run_results.json)`);
    console.log(`  tx docs generate          ${(generateMs / 1000).toFixed(1)} s (parse + compile + analysis + catalog + site)`);
    console.log(`  index.html                ${mb(bytes['total']!)}`);
    console.log(`    code: script ${kb(bytes['script']!)}, css ${kb(bytes['css']!)}   data ${mb(bytes['data']!)}   SQL ${mb(bytes['sql']!)}`);
    if (!existsSync(CHROMIUM)) {
      console.log(`  browser timings skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
      return;
    }
    const folders = [0, 1, 2, 3, 4].map((g) => `path:models/silver/group_00${g}`).join(' ');
    const up = upstreamOf(dir, 500);
    const aModel = Object.keys(manifest.nodes).filter((id) => id.startsWith('model.') && id.includes('.gold_')).sort()[0]!;
    const times = await browserTimes(file, {
      overview: '#!/overview',
      'model page': `#!/model/${encodeURIComponent(aModel)}`,
      'run report': '#!/runs',
      'lineage: suggested': '#!/lineage',
      'lineage: 5 folders': `#!/lineage?s=${encodeURIComponent(folders)}`,
      [`lineage: +${up.name}`]: `#!/lineage?s=${encodeURIComponent(`+${up.name}`)}`,
    }, runs);
    for (const [label, t] of Object.entries(times)) {
      const what = label.startsWith('lineage') ? `first paint (${t.nodes} nodes, layout ${t.layout.toFixed(0)} ms)` : 'ready';
      console.log(`  ${label.padEnd(26)}${t.paint.toFixed(0)} ms ${what}, median of ${runs}`);
    }
    if (markdown) {
      console.log('\n| | |\n| --- | --- |');
      console.log(`| \`tx docs generate\` | ${(generateMs / 1000).toFixed(1)} s |`);
      console.log(`| index.html | ${mb(bytes['total']!)}: script ${kb(bytes['script']!)}, CSS ${kb(bytes['css']!)}, data ${mb(bytes['data']!)}, SQL ${mb(bytes['sql']!)} |`);
      for (const [label, t] of Object.entries(times)) {
        const what = label.startsWith('lineage') ? `first paint, ${t.nodes} nodes (layout ${t.layout.toFixed(0)} ms)` : 'ready';
        console.log(`| ${label} | ${t.paint.toFixed(0)} ms ${what} |`);
      }
    }
  } finally {
    if (keep) console.log(`  kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
