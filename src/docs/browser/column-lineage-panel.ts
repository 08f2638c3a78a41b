/**
 * The column lineage explorer: the diagram of one node's column lineage with a trail of the
 * nodes visited, so a column can be followed upstream or downstream hop by hop without leaving
 * the page. On node pages it sits under the columns; the lineage view opens it for the focused node.
 */
import type { PageContext } from './context.js';
import { nodeHref } from './store.js';
import { columnLineageModel, hasColumnLineage } from './column-lineage-model.js';
import { drawColumnLineage } from './column-lineage-view.js';
import { h, type El } from './dom.js';

export interface ColumnLineagePanelOptions {
  /** Called when the explorer moves to another node (the lineage view highlights it). */
  onShow?: (node: number) => void;
}

/** null when the node has no column lineage to show (not analysed, and nothing reads its columns). */
export function columnLineagePanel(ctx: PageContext, start: number, opts: ColumnLineagePanelOptions = {}): El | null {
  const { store } = ctx;
  if (!hasColumnLineage(store.nodes, start, store.columnReaders())) return null;
  const el = h('div', { class: 'cl-panel', 'data-start': start });
  const trail: number[] = [start];
  const show = (): void => {
    const current = trail[trail.length - 1]!;
    const n = store.nodes[current]!;
    const model = columnLineageModel(store.nodes, current, store.columnReaders());
    const view = drawColumnLineage(store, model, (next) => {
      const at = trail.indexOf(next);
      if (at >= 0) trail.length = at + 1;
      else trail.push(next);
      show();
      opts.onShow?.(next);
    });
    const crumbs = trail.map((i, k) => {
      const name = store.nodes[i]!.n;
      if (k === trail.length - 1) return h('b', { text: name });
      return h('a', { href: '#', 'data-trail': k, text: name, onclick: (e) => {
        e.preventDefault();
        trail.length = k + 1;
        show();
        opts.onShow?.(trail[k]!);
      } });
    });
    const nav = h('div', { class: 'cl-trail' },
      ...crumbs.flatMap((c, k) => (k === 0 ? [c] : [h('span', { class: 'sep', text: ' › ' }), c])),
      current !== start ? h('a', { class: 'open', href: nodeHref(n), text: `Open ${n.n}’s page →` }) : null);
    el.setAttribute('data-node', String(current));
    el.replaceChildren(...(trail.length > 1 || current !== start ? [nav] : []), view.el);
  };
  show();
  return el;
}
