/** The landing page: the project's `__overview__` doc block, counts, and where to go next. */
import type { PageContext } from './context.js';
import { renderMarkdown } from './markdown.js';
import { formatCount, formatDuration, formatTimestamp } from './format.js';
import { statusColor, TYPE_COLORS } from './colors.js';
import { lineageHref } from './router.js';
import { h, type El } from './dom.js';

const ORDER = ['model', 'source', 'seed', 'snapshot', 'analysis', 'exposure', 'test', 'unit_test', 'macro'];
const PLURAL: Readonly<Record<string, string>> = {
  model: 'models', source: 'sources', seed: 'seeds', snapshot: 'snapshots', analysis: 'analyses',
  exposure: 'exposures', test: 'data tests', unit_test: 'unit tests', macro: 'macros',
};

export function renderOverview(ctx: PageContext, main: El): void {
  const { store } = ctx;
  const counts = new Map<string, number>();
  for (const n of store.nodes) counts.set(n.t, (counts.get(n.t) ?? 0) + 1);
  const withStats = store.nodes.filter((n) => n.stats !== undefined).length;
  const cards = ORDER.filter((t) => counts.has(t)).map((t) =>
    h('div', { class: 'card', style: `border-top:3px solid ${TYPE_COLORS[t] ?? '#475569'}` }, h('b', { text: formatCount(counts.get(t)!) }), h('span', { text: PLURAL[t] ?? t })));
  const page = h('div', { class: 'page overview' },
    h('h1', { text: store.data.project }),
    h('div', { class: 'sub', text: `${store.data.adapter} · generated ${formatTimestamp(store.data.generatedAt)}` }),
    h('div', { class: 'cards' }, ...cards),
  );
  const overview = store.data.overview;
  if (overview) page.append(h('div', { class: 'md', html: renderMarkdown(overview) }));
  else page.append(h('p', {}, 'Pick a node in the tree on the left, search with ', h('code', { text: '/' }), ', or open the ', h('a', { href: lineageHref(''), text: 'lineage graph' }), '.'));
  page.append(h('h2', { text: 'Catalog' }), h('p', { text: store.data.hasCatalog
    ? `${formatCount(withStats)} relations found in the warehouse, with column types${withStats > 0 ? ' and row counts where the warehouse keeps them' : ''}.`
    : 'Generated with --empty-catalog: column types and statistics are not shown.' }));
  const run = store.run;
  if (run) {
    const byStatus = new Map<string, number>();
    for (const r of run.items) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    page.append(h('h2', { text: 'Last run' }), h('p', {},
      `${run.command ?? 'invocation'} of ${formatCount(run.items.length)} nodes in ${formatDuration(run.elapsed * 1000)}: `,
      ...[...byStatus.entries()].map(([s, c]) => h('span', { class: 'badge', style: `background:${statusColor(s)};margin-right:6px`, text: `${c} ${s}` })),
      h('a', { href: '#!/runs', text: 'Run report →' })));
  }
  main.replaceChildren(page);
  main.scrollTop = 0;
}
