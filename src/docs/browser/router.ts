/**
 * Hash routes. Node pages keep dbt docs' addresses (`#!/model/model.pkg.name`) so links
 * people already share open the same page here. Pure.
 */

export type Route =
  | { page: 'overview' }
  | { page: 'node'; type: string; id: string }
  | { page: 'lineage'; select: string; exclude: string }
  | { page: 'search'; query: string }
  | { page: 'runs' };

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
      return { page: 'lineage', select: query.get('s') ?? '', exclude: query.get('x') ?? '' };
    case 'search':
      return { page: 'search', query: query.get('q') ?? '' };
    case 'runs':
      return { page: 'runs' };
    default:
      return rest.length === 0 ? { page: 'overview' } : { page: 'node', type: head, id: decodeURIComponent(rest.join('/')) };
  }
}

/** `+` must survive in the query: encode it, since a literal one reads as a space. */
const enc = (s: string): string => encodeURIComponent(s);

export function lineageHref(select: string, exclude = ''): string {
  const parts = [select === '' ? '' : `s=${enc(select)}`, exclude === '' ? '' : `x=${enc(exclude)}`].filter((p) => p !== '');
  return `#!/lineage${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
}

export function searchHref(query: string): string {
  return `#!/search?q=${enc(query)}`;
}
