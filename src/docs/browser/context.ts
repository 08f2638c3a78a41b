/** What every page receives: the data, lazily built indexes, navigation and the tooltip. */
import type { DocsStore } from './store.js';
import type { SearchIndex } from './search.js';
import type { LineageGraph } from './select-graph.js';

export interface Tooltip {
  show(text: string, x: number, y: number): void;
  hide(): void;
}

export interface PageContext {
  store: DocsStore;
  search: SearchIndex;
  /** Built on first use: only the lineage page and selector links need it. */
  lineage(): LineageGraph;
  go(hash: string): void;
  tip: Tooltip;
}
