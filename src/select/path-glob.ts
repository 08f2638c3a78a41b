/**
 * dbt's `path:` method globs the project directory (pathlib `root.glob(selector)`) and selects
 * nodes whose file, or any folder above it, was matched. tx stays pure, so instead of reading
 * the disk it matches the pattern against each file's path prefixes; for files that exist (every
 * node's file does) the two agree. pathlib rules: `*`, `?`, `[..]` stay within one segment,
 * `**` spans any number of segments.
 */
export function compilePathGlob(selector: string): (relPath: string) => boolean {
  const pattern = splitPath(selector);
  const segs = pattern.map(compileSegment);
  return (relPath) => {
    const parts = splitPath(relPath);
    // Try the file itself and each parent folder; matching a folder selects everything in it.
    for (let len = parts.length; len >= 1; len--) {
      if (matchSegs(segs, 0, parts, 0, len)) return true;
    }
    return false;
  };
}

/** Exact match of the file itself (dbt checks yml patch files only for equality, not parents). */
export function compileExactPathGlob(selector: string): (relPath: string) => boolean {
  const segs = splitPath(selector).map(compileSegment);
  return (relPath) => {
    const parts = splitPath(relPath);
    return matchSegs(segs, 0, parts, 0, parts.length);
  };
}

type Seg = '**' | ((s: string) => boolean);

/** Normalise separators, `./` and trailing slashes, as pathlib does for relative patterns. */
export function splitPath(p: string): string[] {
  return p.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
}

function compileSegment(seg: string): Seg {
  if (seg === '**') return '**';
  if (!/[*?[]/.test(seg)) return (s) => s === seg;
  let body = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close === -1) body += '\\[';
      else {
        let cls = seg.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        body += `[${cls}]`;
        i = close;
      }
    } else body += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(`^${body}$`);
  return (s) => re.test(s);
}

function matchSegs(segs: Seg[], si: number, parts: string[], pi: number, end: number): boolean {
  if (si === segs.length) return pi === end;
  const seg = segs[si]!;
  if (seg === '**') {
    for (let k = pi; k <= end; k++) if (matchSegs(segs, si + 1, parts, k, end)) return true;
    return false;
  }
  return pi < end && seg(parts[pi]!) && matchSegs(segs, si + 1, parts, pi + 1, end);
}
