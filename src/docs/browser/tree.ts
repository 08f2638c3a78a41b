/**
 * The sidebar's project tree, by folder (package → files) or by database → schema →
 * relation. Folders render their children only when opened, so a 10,000-model project
 * costs a few dozen rows at start.
 */
import type { SiteNode } from '../site-types.js';
import type { DocsStore } from './store.js';
import { nodeHref } from './store.js';
import { nodeFill } from './colors.js';
import { sourceListHref } from './router.js';
import { exposureTypeLabel } from './format.js';
import { h, type El } from './dom.js';

interface Folder {
  key: string;
  label: string;
  folders: Map<string, Folder>;
  leaves: number[];
  count: number;
  /** A page of its own (a source's table list): the label opens it, the caret only folds. */
  href?: string;
}

export type TreeMode = 'project' | 'database';

const PROJECT_TYPES: ReadonlySet<string> = new Set(['model', 'seed', 'snapshot', 'analysis', 'macro', 'source', 'exposure']);
const MAX_LEAVES = 400;
const RELATION_TYPES: ReadonlySet<string> = new Set(['model', 'seed', 'snapshot', 'source']);

function folder(key: string, label: string): Folder {
  return { key, label, folders: new Map(), leaves: [], count: 0 };
}

function insert(root: Folder, path: string[], leaf: number): void {
  let f = root;
  f.count++;
  for (const seg of path) {
    let next = f.folders.get(seg);
    if (!next) f.folders.set(seg, (next = folder(`${f.key}/${seg}`, seg)));
    next.count++;
    f = next;
  }
  f.leaves.push(leaf);
}

/** The folder dbt docs lists exposures in, by type: Dashboard, ML, Notebook, … */
const EXPOSURES = 'Exposures';


function projectPath(n: SiteNode): string[] {
  if (n.t === 'source') return [n.pkg, 'sources', n.src ?? ''];
  if (n.t === 'exposure') return [EXPOSURES, exposureTypeLabel(n.exp?.type)];
  const dirs = n.file.split('/').slice(0, -1);
  return [n.pkg, ...dirs];
}

function databasePath(n: SiteNode, cfg: Record<string, unknown>): string[] | undefined {
  if (!RELATION_TYPES.has(n.t) || n.sch === undefined) return undefined;
  if (n.t === 'model' && cfg['materialized'] === 'ephemeral') return undefined;
  return [n.db ?? '(default)', n.sch];
}

export function buildTree(store: DocsStore, mode: TreeMode): Folder {
  const root = folder('', '');
  store.nodes.forEach((n, i) => {
    // docs: {show: false} keeps a node out of the tree, as in dbt docs (its page still opens).
    if (!PROJECT_TYPES.has(n.t) || n.hidden) return;
    const path = mode === 'project' ? projectPath(n) : databasePath(n, store.cfg(n));
    if (path) insert(root, path, i);
  });
  if (mode === 'project') {
    for (const pkg of root.folders.values()) for (const src of pkg.folders.get('sources')?.folders.values() ?? []) src.href = sourceListHref(src.label);
  }
  return root;
}

/** Packages first (the root project's first of all), the Exposures group last. */
function folderOrder(store: DocsStore, depth: number): (a: Folder, b: Folder) => number {
  const rank = (f: Folder): number => (depth > 0 ? 0 : f.label === store.data.project ? 0 : f.label === EXPOSURES ? 2 : 1);
  return (a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label);
}

export interface TreeView {
  el: El;
  setMode(mode: TreeMode): void;
  /** Opens the folders above a node and highlights it (or the folder whose page is `href`). */
  reveal(index: number | undefined, href?: string): void;
}

export function createTreeView(store: DocsStore): TreeView {
  const el = h('div', { class: 'tree' });
  const roots: Partial<Record<TreeMode, Folder>> = {};
  const open = new Set<string>();
  let mode: TreeMode = 'project';
  let active: number | undefined;
  let activeHref: string | undefined;

  const leafLabel = (n: SiteNode): string => (mode === 'database' && n.t !== 'source' ? n.rel?.split('.').pop()?.replace(/"/g, '') ?? n.n : n.n);

  const renderFolder = (f: Folder, depth: number): El => {
    const ul = h('ul');
    const folders = [...f.folders.values()].sort(folderOrder(store, depth));
    for (const sub of folders) ul.append(h('li', {}, ...folderRow(sub, depth)));
    const leaves = [...f.leaves].sort((a, b) => store.nodes[a]!.n.localeCompare(store.nodes[b]!.n));
    // A flat folder of thousands of files shows its first rows; search finds the rest.
    const shown = active !== undefined && leaves.indexOf(active) >= MAX_LEAVES ? [...leaves.slice(0, MAX_LEAVES), active] : leaves.slice(0, MAX_LEAVES);
    for (const i of shown) {
      const n = store.nodes[i]!;
      ul.append(h('li', {}, h('a', { class: i === active ? 'row active' : 'row', href: nodeHref(n), 'data-node': i, title: n.id },
        h('span', { class: 'caret' }), h('span', { class: 'dot', style: `background:${nodeFill(n)}` }), leafLabel(n))));
    }
    if (leaves.length > shown.length) ul.append(h('li', { class: 'empty', text: `… ${leaves.length - shown.length} more: use search` }));
    return ul;
  };

  const folderRow = (f: Folder, depth: number): El[] => {
    const isOpen = open.has(f.key);
    const row = h('a', { class: f.href !== undefined && f.href === activeHref ? 'row active' : 'row', 'data-folder': f.key, href: f.href },
      h('span', { class: 'caret', text: isOpen ? '▾' : '▸' }), f.label, h('span', { class: 'count', text: String(f.count) }));
    return isOpen ? [row, renderFolder(f, depth + 1)] : [row];
  };

  const rootOf = (): Folder => (roots[mode] ??= buildTree(store, mode));

  const render = (): void => {
    const scroll = el.scrollTop;
    el.replaceChildren(renderFolder(rootOf(), 0));
    el.scrollTop = scroll;
  };

  // One delegated listener: folder rows toggle, node rows are plain links.
  el.addEventListener('click', (e) => {
    const row = e.target?.closest('[data-folder]');
    if (!row) return;
    const key = row.getAttribute('data-folder') ?? '';
    // A folder with a page: its label opens the page (and the folder), its caret folds.
    if (row.getAttribute('href') !== null && !e.target?.closest('.caret')) {
      open.add(key);
      return;
    }
    e.preventDefault();
    if (open.has(key)) open.delete(key);
    else open.add(key);
    render();
  });

  const openDefaults = (): void => {
    // Packages and their first level start open.
    const packages = [...rootOf().folders.values()].filter((f) => f.label !== EXPOSURES);
    for (const pkg of rootOf().folders.values()) {
      open.add(pkg.key);
      if (packages.length === 1) for (const sub of pkg.folders.values()) open.add(sub.key);
    }
  };

  openDefaults();
  render();
  return {
    el,
    setMode(m) {
      mode = m;
      openDefaults();
      render();
    },
    reveal(index, href) {
      active = index;
      activeHref = href;
      if (href !== undefined) {
        const find = (f: Folder): Folder | undefined => (f.href === href ? f : [...f.folders.values()].map(find).find((x) => x !== undefined));
        const hit = find(rootOf());
        let key = '';
        for (const seg of hit?.key.split('/').slice(1) ?? []) open.add((key = `${key}/${seg}`));
      }
      if (index !== undefined) {
        const n = store.nodes[index]!;
        const path = mode === 'project' ? projectPath(n) : databasePath(n, store.cfg(n));
        let key = '';
        for (const seg of path ?? []) open.add((key = `${key}/${seg}`));
      }
      render();
      if (index !== undefined) el.querySelector(`[data-node="${index}"]`)?.scrollIntoView({ block: 'nearest' });
      else if (href !== undefined) el.querySelector('.row.active')?.scrollIntoView({ block: 'nearest' });
    },
  };
}
