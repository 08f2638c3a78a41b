/**
 * The docs site's entry: reads the inlined data, builds the shell, and renders the page the
 * address names. Bundled into index.html by src/docs/bundle.ts; runs when the page loads.
 */
import type { SiteData, SiteSql } from '../site-types.js';
import { SITE_DATA_VERSION } from '../site-types.js';
import type { PageContext } from './context.js';
import { createStore, displayName } from './store.js';
import { createSearchIndex } from './search.js';
import { buildLineageGraph, type LineageGraph } from './select-graph.js';
import { parseRoute, searchHref, sourceListHref } from './router.js';
import { createShell } from './shell.js';
import { renderOverview } from './overview.js';
import { renderNodePage } from './node-page.js';
import { renderSearchPage } from './search-page.js';
import { renderLineage } from './lineage-page.js';
import { renderRunReport } from './run-report.js';
import { renderSourceList } from './source-list.js';
import { byId, doc, h, win } from './dom.js';

function readJson(id: string): unknown {
  return JSON.parse(byId(id).textContent ?? 'null');
}

export function boot(): void {
  const data = readJson('tx-data') as SiteData;
  if (data === null || data.v !== SITE_DATA_VERSION) throw new Error('tx docs: the page data is missing or from another tx version');
  const store = createStore(data, () => readJson('tx-sql') as SiteSql);
  let lineage: LineageGraph | undefined;
  const w = win();
  const shell = createShell(store, (query, submit) => {
    const hits = query.trim() === '' ? [] : ctx.search.search(query, 1);
    if (submit && hits.length > 0) return ctx.go(`#!/${store.nodes[hits[0]!.index]!.t}/${encodeURIComponent(store.nodes[hits[0]!.index]!.id)}`);
    // Typing updates the results without adding a history entry per keystroke.
    w.history.replaceState(null, '', searchHref(query));
    render();
  });
  const ctx: PageContext = {
    store,
    search: createSearchIndex(store.nodes),
    lineage: () => (lineage ??= buildLineageGraph(store)),
    go: (hash) => {
      if (w.location.hash === hash) render();
      else w.location.hash = hash;
    },
    tip: shell.tip,
  };
  const title = (page: string): void => {
    doc().title = page === '' ? `${store.data.project} · tx docs` : `${page} · ${store.data.project}`;
  };
  const notFound = (what: string, search: string): void => {
    shell.main.replaceChildren(h('div', { class: 'page' }, h('h1', { text: 'Not found' }),
      h('p', { class: 'empty', text: `No ${what} in this project.` }),
      h('a', { href: searchHref(search), text: 'Search for it' })));
    title('Not found');
  };
  const render = (): void => {
    const route = parseRoute(w.location.hash);
    shell.tip.hide();
    shell.setNav(route.page === 'node' || route.page === 'source_list' ? '' : route.page);
    // Only a node's own page highlights it in the tree.
    if (route.page !== 'node') shell.tree.reveal(undefined, route.page === 'source_list' ? sourceListHref(route.name) : undefined);
    switch (route.page) {
      case 'overview':
        title('');
        return renderOverview(ctx, shell.main);
      case 'search':
        if (shell.searchBox.value !== route.query) shell.searchBox.value = route.query;
        title(route.query.trim() === '' ? 'Search' : `Search: ${route.query.trim()}`);
        return renderSearchPage(ctx, shell.main, route.query);
      case 'lineage':
        title(route.select.trim() === '' ? 'Lineage' : `Lineage: ${route.select.trim()}`);
        return renderLineage(ctx, shell.main, route.select, route.exclude, route.focus);
      case 'runs':
        title('Run report');
        return renderRunReport(ctx, shell.main);
      case 'source_list':
        if (!renderSourceList(ctx, shell.main, route.name)) return notFound(`source named ${route.name}`, route.name);
        title(`${route.name} (source)`);
        return;
      case 'node': {
        const index = store.byId.get(route.id);
        if (index === undefined) return notFound(`${route.type} with id ${route.id}`, route.id.split('.').pop() ?? route.id);
        shell.tree.reveal(index);
        renderNodePage(ctx, shell.main, index);
        const n = store.nodes[index]!;
        title(displayName(n));
        return;
      }
    }
  };
  w.addEventListener('hashchange', render);
  render();
  w.__txDocs = { ...(w.__txDocs ?? {}), ready: true, nodes: store.nodes.length };
}

boot();
