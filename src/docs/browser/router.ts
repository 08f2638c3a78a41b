/**
 * Hash routes. Node pages keep dbt docs' addresses (`#!/model/model.pkg.name`) so links
 * people already share open the same page here. Pure.
 */

export type Route =
  | { page: 'overview' }
  | { page: 'node'; type: string; id: string }
  /** focus: the unique_id of the node whose panel (and column lineage) is open. */
  | { page: 'lineage'; select: string; exclude: string; focus: string }
  | { page: 'search'; query: string }
  | { page: 'runs' }
  /** dbt docs' page listing one source's tables. */
  | { page: 'source_list'; name: string };

function params(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    out.set(decodeURIComponent(key), decodeURIComponent(value.replace(/\+/g, ' ')));
  }
  return out;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#!?\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = params(q < 0 ? '' : raw.slice(q + 1));
  const [head = '', ...rest] = path.split('/');
  switch (head) {
    case '':
    case 'overview':
      return { page: 'overview' };
    case 'lineage':
      return { page: 'lineage', select: query.get('s') ?? '', exclude: query.get('x') ?? '', focus: query.get('f') ?? '' };
    case 'search':
      return { page: 'search', query: query.get('q') ?? '' };
    case 'runs':
      return { page: 'runs' };
    case 'source_list':
      return rest.length === 0 ? { page: 'overview' } : { page: 'source_list', name: decodeURIComponent(rest.join('/')) };
    default:
      return rest.length === 0 ? { page: 'overview' } : { page: 'node', type: head, id: decodeURIComponent(rest.join('/')) };
  }
}

/** `+` must survive in the query: encode it, since a literal one reads as a space. */
const enc = (s: string): string => encodeURIComponent(s);

export function lineageHref(select: string, exclude = '', focus = ''): string {
  const parts = [select === '' ? '' : `s=${enc(select)}`, exclude === '' ? '' : `x=${enc(exclude)}`, focus === '' ? '' : `f=${enc(focus)}`].filter((p) => p !== '');
  return `#!/lineage${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
}

export function sourceListHref(sourceName: string): string {
  return `#!/source_list/${encodeURIComponent(sourceName)}`;
}

export function searchHref(query: string): string {
  return `#!/search?q=${enc(query)}`;
}
