/** Search results: each hit with its type, why it matched, and the start of its description. */
import type { PageContext } from './context.js';
import { displayName, nodeHref } from './store.js';
import { nodeFill } from './colors.js';
import { summary } from './format.js';
import { h, type El } from './dom.js';

export function renderSearchPage(ctx: PageContext, main: El, query: string): void {
  const hits = ctx.search.search(query);
  const page = h('div', { class: 'page results' },
    h('h1', { text: 'Search' }),
    h('div', { class: 'sub', text: query.trim() === '' ? 'Type in the box above.' : `${hits.length}${hits.length === 200 ? '+' : ''} results for “${query}”` }),
    h('ul', {}, ...hits.map((hit) => {
      const n = ctx.store.nodes[hit.index]!;
      return h('li', { 'data-hit': n.id },
        h('div', {}, h('span', { class: 'dot', style: `background:${nodeFill(n)};margin-right:6px` }),
          h('a', { href: nodeHref(n), text: displayName(n) }),
          h('span', { class: 'why', text: `  ${n.t} · matched ${hit.why}` })),
        h('div', { class: 'why', text: summary(n.d) || n.file }));
    })));
  main.replaceChildren(page);
  main.scrollTop = 0;
}
