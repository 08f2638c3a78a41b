/**
 * YAML with positions. dbt reads YAML with PyYAML's safe_load (YAML 1.1), so we parse
 * with the 1.1 schema — `yes`/`no`/`on`/`off` are booleans, `010` is octal — with these
 * corrections where the `yaml` library's 1.1 schema differs from PyYAML:
 *   - `y`/`n` are NOT booleans in PyYAML (a column named `y` must stay a string);
 *   - numbers follow PyYAML's implicit resolvers exactly (src/project/yaml-numbers.ts):
 *     a float needs a dot and a signed exponent (`e1`, `1e1`, `1.0e1` stay strings,
 *     `1.0e+1` is 10.0), `09` and `0:20` stay strings;
 *   - timestamps stay strings (PyYAML yields date objects; strings are what templates
 *     and artifacts need, and `str(date)` in Python prints the same ISO text).
 * Every node keeps its source offset so any later phase can point at the exact key.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, Scalar } from 'yaml';
import type { Document, Node as YamlNode, Tags, ScalarTag } from 'yaml';
import { TxError, TxCodes, type SourceLoc } from '../errors/tx-error.js';
import { pyFloat, pyInt, FLOAT_TAG, INT_TAG } from './yaml-numbers.js';

export type YamlPath = readonly (string | number)[];

export interface YamlFile {
  file: string;
  text: string;
  /** Plain JS value (mappings → objects, sequences → arrays); null for an empty file. */
  value: unknown;
  /** Position of the key (for mapping entries) or item (for sequence entries) at `path`; nearest ancestor when absent. */
  locOf(path: YamlPath): SourceLoc;
  /** Position of the value node at `path`; nearest ancestor when absent. */
  valueLocOf(path: YamlPath): SourceLoc;
}

const BOOL_TAG = 'tag:yaml.org,2002:bool';
const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';
const pyTrue: ScalarTag = {
  identify: (v) => v === true,
  default: true,
  tag: BOOL_TAG,
  test: /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  resolve: () => new Scalar(true),
};
const pyFalse: ScalarTag = {
  identify: (v) => v === false,
  default: true,
  tag: BOOL_TAG,
  test: /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  resolve: () => new Scalar(false),
};

/** Swap the 1.1 bool, int and float tags for PyYAML's and drop the timestamp tag. */
function pyyamlTags(tags: Tags): Tags {
  const out: Tags = [];
  const added = new Set<string>();
  const replace = (tag: string, ...withTags: ScalarTag[]) => {
    if (!added.has(tag)) out.push(...withTags);
    added.add(tag);
  };
  for (const t of tags) {
    const tag = typeof t === 'object' ? t.tag : undefined;
    if (tag === TIMESTAMP_TAG) continue;
    if (tag === BOOL_TAG) replace(tag, pyTrue, pyFalse);
    // PyYAML tries floats before ints; a scalar matching neither stays a string.
    else if (tag === FLOAT_TAG || tag === INT_TAG) replace('numbers', pyFloat, pyInt);
    else out.push(t);
  }
  return out;
}

/** The yaml library's messages are terse; add what a dbt user needs to fix the file. */
function readableMessage(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key: this key is already defined in the same mapping';
    case 'TAB_AS_INDENT':
      return 'tabs are not allowed for indentation in YAML; use spaces';
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `bad indentation: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
    case 'MULTIPLE_DOCS':
      return 'the file contains more than one YAML document (`---`); dbt expects exactly one';
    default:
      return message.charAt(0).toLowerCase() + message.slice(1);
  }
}

/** Parser options that give PyYAML-compatible values; shared with --vars parsing. */
export function pyyamlOptions(): { version: '1.1'; uniqueKeys: true; prettyErrors: false; customTags: (t: Tags) => Tags } {
  return { version: '1.1', uniqueKeys: true, prettyErrors: false, customTags: pyyamlTags };
}

export function parseYamlFile(absPath: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...pyyamlOptions() });
  const at = (offset: number): SourceLoc => {
    const p = lineCounter.linePos(offset);
    return { file: absPath, line: p.line, col: p.col };
  };
  const first = doc.errors[0];
  if (first) {
    throw new TxError({
      code: TxCodes.YamlSyntax,
      message: `invalid YAML: ${readableMessage(first.code, first.message)}`,
      loc: at(first.pos[0]),
      hint: first.code === 'DUPLICATE_KEY' ? 'remove or rename one of the duplicate keys' : undefined,
    });
  }
  const value: unknown = doc.contents === null ? null : doc.toJS({ maxAliasCount: 1000 });
  return {
    file: absPath,
    text,
    value,
    locOf: (path) => at(findOffset(doc, path, 'key')),
    valueLocOf: (path) => at(findOffset(doc, path, 'value')),
  };
}

/** Walk the CST-backed document along `path`, returning the deepest offset reached. */
function findOffset(doc: Document, path: YamlPath, want: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return offset;
      const keyStart = rangeStart(pair.key);
      node = pair.value;
      const valueStart = rangeStart(node);
      offset = (want === 'key' && last ? keyStart : valueStart) ?? keyStart ?? offset;
      // An entry like `columns:` with no value has no value node; point at the key.
      if (want === 'value' && valueStart === undefined && keyStart !== undefined) offset = keyStart;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      const start = rangeStart(item);
      if (start === undefined) return offset;
      node = item;
      offset = start;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const r = (node as YamlNode | null | undefined)?.range;
  return r ? r[0] : undefined;
}
