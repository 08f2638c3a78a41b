/** A small RFC 4180 CSV reader (quotes, doubled quotes, CRLF), used only for seed type inference. */

/** Calls onRow for each record; the first record is the header. Returns the record count. */
export function readCsv(text: string, delimiter: string, onRow: (fields: string[]) => void): number {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // strip a UTF-8 BOM
  const d = delimiter.charCodeAt(0);
  const n = src.length;
  let i = 0;
  let count = 0;
  let row: string[] = [];
  while (i < n) {
    let field: string;
    if (src.charCodeAt(i) === 34 /* " */) {
      let out = '';
      i++;
      for (;;) {
        const q = src.indexOf('"', i);
        if (q < 0) {
          out += src.slice(i);
          i = n;
          break;
        }
        out += src.slice(i, q);
        if (src.charCodeAt(q + 1) === 34) {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Text between a closing quote and the delimiter is kept, as lenient readers do.
      let j = i;
      while (j < n && src.charCodeAt(j) !== d && src[j] !== '\n' && src[j] !== '\r') j++;
      field = out + src.slice(i, j);
      i = j;
    } else {
      let j = i;
      while (j < n && src.charCodeAt(j) !== d && src[j] !== '\n' && src[j] !== '\r') j++;
      field = src.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i < n && src.charCodeAt(i) === d) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    // Blank lines are skipped (a record of one empty field).
    if (!(row.length === 1 && row[0] === '')) {
      onRow(row);
      count++;
    }
    row = [];
  }
  return count;
}
