/**
 * Python's fnmatch semantics, which dbt uses for every wildcard selector: `*` matches any run
 * (including `.` and `/`), `?` one character, `[seq]` / `[!seq]` a class; whole-string, case-sensitive
 * (dbt runs on POSIX case rules). Compile once per selector atom, then test many nodes.
 */
export function compileFnmatch(pattern: string): (s: string) => boolean {
  if (!/[*?[]/.test(pattern)) return (s) => s === pattern;
  const re = new RegExp(`^${translate(pattern)}$`, 's');
  return (s) => re.test(s);
}

export function hasWildcard(s: string): boolean {
  return /[*?[\]]/.test(s);
}

/** Port of CPython's fnmatch.translate, producing a JS regex body. */
function translate(pat: string): string {
  let res = '';
  let i = 0;
  const n = pat.length;
  while (i < n) {
    const c = pat[i]!;
    i++;
    if (c === '*') {
      // Collapse runs of stars: same meaning, less backtracking.
      while (pat[i] === '*') i++;
      res += '.*';
    } else if (c === '?') {
      res += '.';
    } else if (c === '[') {
      let j = i;
      if (pat[j] === '!') j++;
      if (pat[j] === ']') j++;
      while (j < n && pat[j] !== ']') j++;
      if (j >= n) {
        res += '\\[';
      } else {
        let stuff = pat.slice(i, j);
        i = j + 1;
        stuff = stuff.replace(/\\/g, '\\\\');
        if (stuff.startsWith('!')) stuff = '^' + stuff.slice(1);
        else if (stuff.startsWith('^')) stuff = '\\' + stuff;
        // `]` first in a class is literal in Python; JS needs it escaped.
        if (stuff.startsWith(']')) stuff = '\\' + stuff;
        else if (stuff.startsWith('^]')) stuff = '^\\' + stuff.slice(1);
        res += `[${stuff}]`;
      }
    } else {
      res += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return res;
}
