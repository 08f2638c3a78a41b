/** The page frame: top bar (project, search, navigation), sidebar tree, main area, tooltip. */
import type { DocsStore } from './store.js';
import type { Tooltip } from './context.js';
import { createTreeView, type TreeView } from './tree.js';
import { byId, h, win, type El } from './dom.js';

export interface Shell {
  main: El;
  tree: TreeView;
  searchBox: El;
  setNav(page: string): void;
  tip: Tooltip;
}

export function createShell(store: DocsStore, onSearch: (query: string, submit: boolean) => void): Shell {
  const app = byId('app');
  const searchBox = h('input', { type: 'search', id: 'search', placeholder: 'Search names, columns, descriptions  ( / )', autocomplete: 'off', spellcheck: 'false' });
  let timer: number | undefined;
  searchBox.addEventListener('input', () => {
    if (timer !== undefined) win().clearTimeout(timer);
    timer = win().setTimeout(() => onSearch(searchBox.value, false), 120);
  });
  searchBox.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') onSearch(searchBox.value, true);
    if (e.key === 'Escape') searchBox.value = '';
  });
  const links = [
    h('a', { href: '#!/overview', 'data-nav': 'overview', text: 'Overview' }),
    h('a', { href: '#!/lineage', 'data-nav': 'lineage', text: 'Lineage' }),
    store.run ? h('a', { href: '#!/runs', 'data-nav': 'runs', text: 'Run report' }) : null,
  ];
  const top = h('header', { class: 'top' },
    h('a', { class: 'brand', href: '#!/overview' }, store.data.project, h('small', { text: 'tx docs' })),
    searchBox,
    h('nav', {}, ...links));
  const tree = createTreeView(store);
  const tabs = (['project', 'database'] as const).map((mode) =>
    h('button', { class: mode === 'project' ? 'on' : '', 'data-tab': mode, text: mode === 'project' ? 'Project' : 'Database', onclick: () => {
      for (const t of tabs) t.classList.toggle('on', t.getAttribute('data-tab') === mode);
      tree.setMode(mode);
    } }));
  const side = h('aside', { class: 'side' }, h('div', { class: 'tabs' }, ...tabs), tree.el);
  const main = h('main', { id: 'main' });
  const tipEl = h('div', { id: 'tip' });
  app.replaceChildren(top, h('div', { class: 'body' }, side, main), tipEl);

  win().document.addEventListener('keydown', (e) => {
    const active = win().document.activeElement;
    if (e.key === '/' && active?.tagName !== 'INPUT') {
      e.preventDefault();
      searchBox.focus();
    }
  });
  return {
    main,
    tree,
    searchBox,
    setNav(page) {
      for (const a of links) a?.classList.toggle('active', a.getAttribute('data-nav') === page);
    },
    tip: {
      show(text, x, y) {
        tipEl.textContent = text;
        tipEl.style.display = 'block';
        // Keep the tooltip on screen near the right and bottom edges.
        tipEl.style.left = `${Math.min(x + 14, win().innerWidth - 430)}px`;
        tipEl.style.top = `${Math.min(y + 14, win().innerHeight - 120)}px`;
      },
      hide() {
        tipEl.style.display = 'none';
      },
    },
  };
}
