/**
 * Search across node names, descriptions, column names (and their descriptions), tags and
 * file paths. A linear scan over lower-cased text prepared once: 10,000 models answer in a
 * few milliseconds, no index structure needed. Pure.
 */
import type { SiteNode } from '../site-types.js';

export interface SearchHit {
  index: number;
  score: number;
  /** Why it matched, e.g. "column customer_id" or "description". */
  why: string;
}

interface Prepared {
  name: string;
  id: string;
  desc: string;
  columns: { name: string; lower: string; desc: string }[];
  tags: string;
  file: string;
}

/** Tests are reached from the nodes they test; listing hundreds of them would bury the models. */
const SEARCHABLE: ReadonlySet<string> = new Set(['model', 'seed', 'snapshot', 'source', 'analysis', 'macro', 'exposure']);

export interface SearchIndex {
  search(query: string, limit?: number): SearchHit[];
}

export function createSearchIndex(nodes: readonly SiteNode[]): SearchIndex {
  let prepared: (Prepared | null)[] | undefined;
  const prepare = (): (Prepared | null)[] =>
    nodes.map((n) =>
      // Hidden documentation (docs: {show: false}) is not searchable, as in dbt docs.
      SEARCHABLE.has(n.t) && !n.hidden
        ? {
            name: n.n.toLowerCase(),
            id: n.id.toLowerCase(),
            desc: `${n.exp?.label ?? ''} ${n.d ?? ''}`.toLowerCase(),
            columns: (n.cols ?? []).map((c) => ({ name: c.n, lower: c.n.toLowerCase(), desc: (c.d ?? '').toLowerCase() })),
            tags: (n.tags ?? []).join(' ').toLowerCase(),
            file: n.file.toLowerCase(),
          }
        : null,
    );
  return {
    search(query, limit = 200) {
      const terms = query.toLowerCase().split(/\s+/).filter((t) => t !== '');
      if (terms.length === 0) return [];
      prepared ??= prepare();
      const hits: SearchHit[] = [];
      prepared.forEach((p, index) => {
        if (p === null) return;
        let score = 0;
        let why = '';
        for (const term of terms) {
          let best = 0;
          let reason = '';
          const take = (s: number, r: string): void => {
            if (s > best) [best, reason] = [s, r];
          };
          if (p.name === term) take(100, 'name');
          else if (p.name.startsWith(term)) take(70, 'name');
          else if (p.name.includes(term)) take(50, 'name');
          const col = p.columns.find((c) => c.lower === term) ?? p.columns.find((c) => c.lower.includes(term));
          if (col) take(col.lower === term ? 45 : 30, `column ${col.name}`);
          if (p.tags.includes(term)) take(25, 'tag');
          if (p.desc.includes(term)) take(15, 'description');
          const colDesc = best === 0 ? p.columns.find((c) => c.desc.includes(term)) : undefined;
          if (colDesc) take(10, `column ${colDesc.name} description`);
          if (p.file.includes(term) || p.id.includes(term)) take(5, 'path');
          // Every term must match somewhere: the query narrows, it does not widen.
          if (best === 0) return;
          score += best;
          if (why === '') why = reason;
        }
        hits.push({ index, score, why });
      });
      hits.sort((a, b) => b.score - a.score || nodes[a.index]!.n.localeCompare(nodes[b.index]!.n));
      return hits.slice(0, limit);
    },
  };
}
