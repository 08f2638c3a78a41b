/**
 * One node's page: description, details, columns (catalog type, description, tests),
 * tests with their last status, config, depends-on / referenced-by, and raw and compiled SQL.
 */
import type { SiteColumn, SiteMacroArg, SiteNode } from '../site-types.js';
import type { PageContext } from './context.js';
import { displayName, nodeHref, nodeSelector, type DocsStore } from './store.js';
import { lineageHref, sourceListHref } from './router.js';
import { columnLineagePanel } from './column-lineage-panel.js';
import { KIND_LABEL } from './column-lineage-view.js';
import { decodeLin } from '../site-wire.js';
import { renderMarkdown } from './markdown.js';
import { highlightSql } from './highlight.js';
import { exposureTypeLabel, formatBytes, formatCount, formatDuration } from './format.js';
import { nodeFill, statusColor, TYPE_COLORS } from './colors.js';
import { GRAPH_TYPES } from './store.js';
import { h, win, type El } from './dom.js';

const TYPE_LABELS: Readonly<Record<string, string>> = {
  model: 'Model', source: 'Source', seed: 'Seed', snapshot: 'Snapshot', analysis: 'Analysis',
  test: 'Test', unit_test: 'Unit test', macro: 'Macro', exposure: 'Exposure',
};

function link(store: DocsStore, i: number): El {
  const n = store.nodes[i]!;
  return h('a', { href: nodeHref(n), title: n.id }, displayName(n));
}

function badge(text: string, color: string): El {
  return h('span', { class: 'badge', style: `background:${color}`, text });
}

function statusBadge(ctx: PageContext, i: number): El | null {
  const r = ctx.store.runByNode.get(i);
  if (!r) return null;
  const extra = r.failures ? ` ${r.failures}` : '';
  return h('span', { class: 'badge', style: `background:${statusColor(r.status)}`, title: r.msg ?? '', text: `${r.status}${extra}` });
}

function markdown(text: string | undefined, emptyText: string): El {
  return text ? h('div', { class: 'md', html: renderMarkdown(text) }) : h('p', { class: 'empty', text: emptyText });
}

function section(title: string, ...body: (El | null)[]): El {
  return h('section', {}, h('h2', { text: title }), ...body);
}

function kv(rows: [string, string | El | null | undefined][]): El | null {
  const kept = rows.filter((r): r is [string, string | El] => r[1] !== null && r[1] !== undefined && r[1] !== '');
  if (kept.length === 0) return null;
  return h('dl', { class: 'kv' }, ...kept.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)]));
}

function ownerOf(n: SiteNode, cfg: Record<string, unknown>): string | undefined {
  const cfgMeta = cfg['meta'];
  const fromCfg = cfgMeta !== null && typeof cfgMeta === 'object' ? (cfgMeta as Record<string, unknown>)['owner'] : undefined;
  const owner = n.meta?.['owner'] ?? fromCfg ?? n.stats?.owner;
  return owner === undefined || owner === null ? undefined : typeof owner === 'string' ? owner : JSON.stringify(owner);
}

function scalar(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function exposureOwner(n: SiteNode): El | undefined {
  const o = n.exp?.owner;
  if (!o) return undefined;
  return h('span', {}, o.name ?? '', o.email ? h('span', {}, o.name ? ' · ' : '', h('a', { href: `mailto:${o.email}`, text: o.email })) : null);
}

/** Only web addresses become links: an exposure's url comes from YAML anyone can edit. */
function externalLink(url: string | undefined): El | undefined {
  if (!url) return undefined;
  return /^https?:\/\//i.test(url) ? h('a', { href: url, target: '_blank', rel: 'noopener', text: url }) : h('code', { text: url });
}

function details(ctx: PageContext, n: SiteNode): El | null {
  const cfg = ctx.store.cfg(n);
  const contract = cfg['contract'] as { enforced?: boolean } | undefined;
  const stats = n.stats;
  const run = ctx.store.runByNode.get(ctx.store.byId.get(n.id)!);
  const attached = n.att === undefined ? undefined : link(ctx.store, n.att);
  return kv([
    ['Label', n.exp?.label],
    ['Type', n.exp ? exposureTypeLabel(n.exp.type) : undefined],
    ['Maturity', n.exp?.maturity],
    ['Owner', exposureOwner(n)],
    ['URL', externalLink(n.exp?.url)],
    ['Relation', n.rel ? h('code', { text: n.rel }) : undefined],
    ['Materialization', scalar(cfg['materialized'])],
    ['Owner', ownerOf(n, cfg)],
    ['Tests', n.t === 'test' ? attached : undefined],
    ['Column', n.col],
    ['Model', n.model],
    ['Source', n.src === undefined ? undefined : h('a', { href: sourceListHref(n.src), text: n.src, title: 'every table of this source' })],
    ['Loader', n.loader],
    ['Table type', stats?.type],
    ['Rows', stats?.rows === undefined ? undefined : formatCount(stats.rows)],
    ['Size', stats?.bytes === undefined ? undefined : formatBytes(stats.bytes)],
    ['Access', n.acc],
    ['Contract', contract?.enforced ? 'enforced' : undefined],
    ['Version', n.ver === undefined ? undefined : `${n.ver}${n.lver !== undefined ? ` (latest ${n.lver})` : ''}`],
    ['Tags', n.tags && n.tags.length > 0 ? h('span', {}, ...n.tags.map((t) => h('span', { class: 'tag', text: t }))) : undefined],
    ['Package', n.pkg],
    ['File', h('code', { text: n.file })],
    ['Last run', run ? h('span', {}, statusBadge(ctx, ctx.store.byId.get(n.id)!), ` ${formatDuration(run.dur)}${run.rows !== null ? `, ${formatCount(run.rows)} rows` : ''}${run.msg ? ` — ${run.msg}` : ''}`) : undefined],
  ]);
}

function testChip(ctx: PageContext, i: number): El {
  const t = ctx.store.nodes[i]!;
  const r = ctx.store.runByNode.get(i);
  const label = t.tm ?? t.n;
  return h('a', {
    class: 'badge', href: nodeHref(t), title: `${t.n}${r ? ` — ${r.status}` : ''}`,
    style: `background:${r ? statusColor(r.status) : TYPE_COLORS['test']};margin:0 4px 2px 0`, text: label,
  });
}

function typeCell(c: SiteColumn, hasCatalog: boolean): El {
  if (c.ty ?? c.dt) return h('td', { text: c.ty ?? c.dt });
  if (c.it) return h('td', { class: 'inferred', title: 'inferred by static analysis', text: c.it });
  return h('td', { text: hasCatalog ? '—' : '' });
}

function columnsTable(ctx: PageContext, cols: SiteColumn[], hasCatalog: boolean): El {
  const withLineage = cols.some((c) => c.lin && c.lin.length > 0);
  const head = ['Column', 'Type', 'Description', 'Tests', ...(withLineage ? ['Upstream'] : [])];
  return scroll(h('table', { class: 'columns' },
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { text: x })))),
    h('tbody', {}, ...cols.map((c) => h('tr', { 'data-column': c.n },
      h('td', {}, h('code', { text: c.n })),
      typeCell(c, hasCatalog),
      h('td', {}, c.d ? h('div', { class: 'md', html: renderMarkdown(c.d) }) : ''),
      h('td', {}, ...(c.tests ?? []).map((t) => testChip(ctx, t))),
      // Column-level lineage (static analysis): the upstream columns and how each is used.
      withLineage ? h('td', { class: 'upstream' }, ...(c.lin ?? []).map((w) => decodeLin(c.n, w)).map((l) => h('div', {}, link(ctx.store, l.node), `.${l.column}`,
        l.kind !== 'direct' ? h('span', { class: `kind ${l.kind}`, text: KIND_LABEL[l.kind] }) : null))) : null,
    )))));
}

/** Wide tables scroll inside their own box instead of widening the page. */
function scroll(table: El): El {
  return h('div', { class: 'scroll' }, table);
}

/** A macro's arguments as its `{% macro name(a, b=1) %}` line declares them, when YAML documents none. */
export function signatureArgs(sql: string): SiteMacroArg[] {
  const m = /\{%-?\s*(?:macro|test|materialization)\s+[\w.]+\s*\(([^)]*)\)/.exec(sql);
  if (!m || m[1]!.trim() === '') return [];
  return m[1]!.split(',').map((a) => a.trim()).filter((a) => a !== '').map((a) => {
    const eq = a.indexOf('=');
    return eq < 0 ? { n: a } : { n: a.slice(0, eq).trim(), d: `default: \`${a.slice(eq + 1).trim()}\`` };
  });
}

function argumentsTable(args: SiteMacroArg[], fromSignature: boolean): El {
  return scroll(h('table', { class: 'args', 'data-source': fromSignature ? 'signature' : 'yaml' },
    h('thead', {}, h('tr', {}, ...['Argument', 'Type', 'Description'].map((x) => h('th', { text: x })))),
    h('tbody', {}, ...args.map((a) => h('tr', {}, h('td', {}, h('code', { text: a.n })), h('td', { text: a.ty ?? '' }),
      h('td', {}, a.d ? h('div', { class: 'md', html: renderMarkdown(a.d) }) : ''))))));
}

function testsTable(ctx: PageContext, tests: number[]): El {
  const rows = tests.map((i) => {
    const t = ctx.store.nodes[i]!;
    const r = ctx.store.runByNode.get(i);
    return h('tr', {},
      h('td', {}, link(ctx.store, i)),
      h('td', { text: t.t === 'unit_test' ? 'unit' : t.tm ?? 'singular' }),
      h('td', {}, t.col ? h('code', { text: t.col }) : ''),
      h('td', {}, r ? statusBadge(ctx, i) : h('span', { class: 'empty', text: 'not run' })),
      h('td', { text: r?.failures ? `${r.failures} failing` : '' }));
  });
  return scroll(h('table', { class: 'tests' }, h('thead', {}, h('tr', {}, ...['Test', 'Kind', 'Column', 'Last status', ''].map((x) => h('th', { text: x })))), h('tbody', {}, ...rows)));
}

function relatives(ctx: PageContext, title: string, ids: number[]): El {
  const byType = new Map<string, number[]>();
  for (const i of ids) {
    const t = ctx.store.nodes[i]!.t;
    byType.set(t, [...(byType.get(t) ?? []), i]);
  }
  const groups = [...byType.entries()].sort(([a], [b]) => a.localeCompare(b));
  return h('div', {}, h('h3', { text: `${title} (${ids.length})` }),
    ids.length === 0 ? h('p', { class: 'empty', text: 'None' }) : null,
    ...groups.map(([t, list]) => h('div', {}, h('div', { class: 'sub', text: TYPE_LABELS[t] ?? t }),
      h('ul', {}, ...list.sort((a, b) => ctx.store.nodes[a]!.n.localeCompare(ctx.store.nodes[b]!.n)).map((i) => h('li', {}, link(ctx.store, i)))))));
}

function codeBlock(ctx: PageContext, index: number): El | null {
  const sql = ctx.store.sql(index);
  if (sql === null) return null;
  const [raw, compiled] = sql;
  const tabs: [string, string][] = [['Source', raw]];
  if (compiled !== null && compiled !== raw) tabs.push(['Compiled', compiled]);
  const pre = h('pre', { class: 'sql' });
  const show = (k: number): void => {
    pre.innerHTML = highlightSql(tabs[k]![1]);
    buttons.forEach((b, j) => b.classList.toggle('on', j === k));
  };
  const buttons = tabs.map(([label], k) => h('button', { text: label, 'data-code': label.toLowerCase(), onclick: () => show(k) }));
  const copy = h('button', { text: 'Copy', onclick: () => void win().navigator.clipboard?.writeText(pre.textContent ?? '') });
  const el = h('div', { class: 'code' }, h('div', { class: 'bar' }, ...buttons, copy), pre);
  show(tabs.length > 1 ? 1 : 0);
  return el;
}

function configBlock(n: SiteNode, cfg: Record<string, unknown> | undefined): El | null {
  if (!cfg && !n.meta && !n.kw) return null;
  const body: El[] = [];
  if (n.kw) body.push(h('h3', { text: 'Arguments' }), h('pre', { class: 'md', text: JSON.stringify(n.kw, null, 2) }));
  if (n.meta) body.push(h('h3', { text: 'Meta' }), h('pre', { class: 'md', text: JSON.stringify(n.meta, null, 2) }));
  if (cfg) body.push(h('details', {}, h('summary', { text: 'Full config' }), h('pre', { class: 'md', text: JSON.stringify(cfg, null, 2) })));
  return section('Config', ...body);
}

export function renderNodePage(ctx: PageContext, main: El, index: number): void {
  const { store } = ctx;
  const n = store.nodes[index]!;
  const page = h('div', { class: 'page node-page', 'data-id': n.id });
  const inGraph = GRAPH_TYPES.has(n.t);
  const cfg = store.cfg(n);
  page.append(
    h('h1', { text: displayName(n) }),
    h('div', { class: 'sub' },
      badge(TYPE_LABELS[n.t] ?? n.t, nodeFill(n)),
      n.t === 'model' && typeof cfg['materialized'] === 'string' ? h('span', { class: 'tag', text: cfg['materialized'] }) : null,
      statusBadge(ctx, index),
      n.exp ? h('span', { class: 'tag', text: exposureTypeLabel(n.exp.type) }) : null,
      n.hidden ? h('span', { class: 'tag', title: 'docs: {show: false}: left out of the tree and search', text: 'hidden' }) : null,
      h('code', { text: n.id }),
      inGraph ? h('a', { href: lineageHref(`+${nodeSelector(n)}+`, '', n.id), text: 'View lineage →' }) : null),
    section('Description', markdown(n.d, 'This node is not documented.')),
    section('Details', details(ctx, n)),
  );
  if (n.t === 'macro') {
    const args = n.args ?? signatureArgs(store.sql(index)?.[0] ?? '');
    if (args.length > 0) page.append(section('Arguments', argumentsTable(args, n.args === undefined)));
  }
  if (n.cols || n.t === 'model' || n.t === 'seed' || n.t === 'source' || n.t === 'snapshot') {
    page.append(section('Columns', n.cols ? columnsTable(ctx, n.cols, store.data.hasCatalog) : h('p', { class: 'empty', text: 'No columns documented or found in the catalog.' })));
  }
  const columnLineage = columnLineagePanel(ctx, index);
  if (columnLineage) {
    const s = section('Column lineage', h('p', { class: 'sub', text: 'Where each column comes from and what reads it, one hop each way, from static analysis. Hover a column to trace it; click a relation to follow its columns.' }), columnLineage);
    s.id = 'column-lineage';
    page.append(s);
  }
  if (n.tests && n.tests.length > 0) page.append(section('Tests', testsTable(ctx, n.tests)));
  const config = configBlock(n, n.cfg === undefined ? undefined : cfg);
  if (config) page.append(config);
  const parents = n.dep ?? [];
  // Tests have their own section; listing them again as readers would bury the models.
  const kids = (store.children[index] ?? []).filter((i) => store.nodes[i]!.t !== 'test' && store.nodes[i]!.t !== 'unit_test');
  if (n.t === 'macro') {
    page.append(section('References', h('div', { class: 'lists' }, relatives(ctx, 'Uses macros', n.mac ?? []), relatives(ctx, 'Used by', store.macroUsers[index] ?? []))));
  } else {
    page.append(section('References', h('div', { class: 'lists' }, relatives(ctx, 'Depends on', parents), n.t === 'exposure' ? null : relatives(ctx, 'Referenced by', kids))));
    if (n.mac && n.mac.length > 0) page.append(h('div', {}, relatives(ctx, 'Macros', n.mac)));
  }
  const code = codeBlock(ctx, index);
  if (code) page.append(section('Code', code));
  main.replaceChildren(page);
  main.scrollTop = 0;
}
