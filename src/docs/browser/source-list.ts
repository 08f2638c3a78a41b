/**
 * dbt docs' `#!/source_list/<source_name>` page: one source's description and its tables, each
 * with its relation, description, columns, tests and (with a catalog) rows.
 */
import type { PageContext } from './context.js';
import { nodeHref } from './store.js';
import { renderMarkdown } from './markdown.js';
import { formatCount, summary } from './format.js';
import { TYPE_COLORS } from './colors.js';
import { lineageHref } from './router.js';
import { h, type El } from './dom.js';

export function renderSourceList(ctx: PageContext, main: El, name: string): boolean {
  const { store } = ctx;
  const tables = store.nodes.flatMap((n, i) => (n.t === 'source' && n.src === name ? [i] : [])).sort((a, b) => store.nodes[a]!.n.localeCompare(store.nodes[b]!.n));
  if (tables.length === 0) return false;
  const first = store.nodes[tables[0]!]!;
  const schemas = [...new Set(tables.map((i) => [store.nodes[i]!.db, store.nodes[i]!.sch].filter((x) => x).join('.')))];
  const described = tables.map((i) => store.nodes[i]!.srcd).find((d) => d !== undefined);
  const page = h('div', { class: 'page source-list', 'data-source': name },
    h('h1', { text: name }),
    h('div', { class: 'sub' },
      h('span', { class: 'badge', style: `background:${TYPE_COLORS['source']}`, text: 'Source' }),
      `${tables.length} table${tables.length === 1 ? '' : 's'}`,
      schemas.length > 0 ? h('code', { text: schemas.join(', ') }) : null,
      first.loader ? `loaded by ${first.loader}` : null,
      h('a', { href: lineageHref(`source:${name}+`), text: 'View lineage →' })),
    h('h2', { text: 'Description' }),
    described ? h('div', { class: 'md', html: renderMarkdown(described) }) : h('p', { class: 'empty', text: 'This source is not documented.' }),
    h('h2', { text: 'Tables' }),
    h('div', { class: 'scroll' }, h('table', { class: 'sources' },
      h('thead', {}, h('tr', {}, ...['Table', 'Identifier', 'Description', 'Columns', 'Tests', ...(store.data.hasCatalog ? ['Rows'] : [])].map((x, i) => h('th', { class: i >= 3 ? 'num' : '', text: x })))),
      h('tbody', {}, ...tables.map((i) => {
        const n = store.nodes[i]!;
        return h('tr', { 'data-node': n.id },
          h('td', {}, h('a', { href: nodeHref(n), text: n.n })),
          // The schema is in the header: the identifier is enough here.
          h('td', { class: 'nowrap' }, n.rel ? h('code', { title: n.rel, text: n.rel.split('.').pop()!.replace(/"/g, '') }) : ''),
          h('td', { text: summary(n.d, 160) }),
          h('td', { class: 'num', text: formatCount(n.cols?.length ?? 0) }),
          h('td', { class: 'num', text: formatCount(n.tests?.length ?? 0) }),
          store.data.hasCatalog ? h('td', { class: 'num', text: n.stats?.rows === undefined ? '' : formatCount(n.stats.rows) }) : null);
      })))));
  main.replaceChildren(page);
  main.scrollTop = 0;
  return true;
}
