/**
 * selectors.yml: named selections (dbt's YAML selector definitions). A definition is a CLI-style
 * string, a method/value mapping with graph operators, or union/intersection lists whose
 * `exclude:` items are subtracted, and `method: selector` reuses another named selector. A
 * criterion's `indirect_selection:` sets how tests join it, over --indirect-selection.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndirectSelection, SelectionSpec } from './spec.js';
import { INDIRECT_SELECTION_MODES } from './spec.js';
import { parseAtom, parseSelectionArg } from './parse.js';
import { parseYamlFile, type YamlFile } from '../project/yaml-file.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { didYouMeanHint } from '../util/did-you-mean.js';

export interface NamedSelector {
  name: string;
  description: string;
  default: boolean;
  spec: SelectionSpec;
}

type Path = (string | number)[];
const INDIRECT_MODES: readonly IndirectSelection[] = INDIRECT_SELECTION_MODES;
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadSelectors(projectDir: string): Map<string, NamedSelector> {
  const file = join(projectDir, 'selectors.yml');
  const out = new Map<string, NamedSelector>();
  if (!existsSync(file)) return out;
  const yaml = parseYamlFile(file, readFileSync(file, 'utf8'));
  const fail = (path: Path, message: string, hint?: string): never => {
    throw new TxError({ code: TxCodes.SelectorSyntax, message, loc: yaml.locOf(path), hint });
  };
  const root = yaml.value;
  const list = isDict(root) ? root['selectors'] : undefined;
  if (!Array.isArray(list)) return fail([], "selectors.yml must hold a 'selectors:' list", 'selectors:\n  - name: nightly\n    definition: "tag:nightly"');
  const raw = new Map<string, { entry: Record<string, unknown>; index: number }>();
  list.forEach((entry, index) => {
    if (!isDict(entry) || typeof entry['name'] !== 'string') return fail(['selectors', index], "each selector needs a 'name' and a 'definition'");
    if (raw.has(entry['name'])) fail(['selectors', index, 'name'], `selector '${entry['name']}' is defined twice`);
    raw.set(entry['name'], { entry, index });
  });
  const resolving = new Set<string>();
  const resolve = (name: string, from: Path): SelectionSpec => {
    const done = out.get(name);
    if (done) return done.spec;
    const hit = raw.get(name);
    if (!hit) return fail(from, `selector '${name}' is not defined in selectors.yml`, didYouMeanHint(name, raw.keys()));
    if (resolving.has(name)) return fail(from, `selector '${name}' refers to itself`);
    resolving.add(name);
    const spec = definition(hit.entry['definition'], ['selectors', hit.index, 'definition']);
    resolving.delete(name);
    out.set(name, { name, description: String(hit.entry['description'] ?? ''), default: hit.entry['default'] === true, spec });
    return spec;
  };
  const definition = (def: unknown, path: Path): SelectionSpec => {
    if (typeof def === 'string') return parseSelectionArg(def, `selectors.yml ${path.join('.')}`);
    if (!isDict(def)) return fail(path, 'a selector definition is a string, a method/value mapping, or union/intersection');
    for (const op of ['union', 'intersection'] as const) {
      if (def[op] === undefined) continue;
      const items = def[op];
      if (!Array.isArray(items)) return fail([...path, op], `'${op}' must be a list`);
      const include: SelectionSpec[] = [];
      const exclude: SelectionSpec[] = [];
      items.forEach((item, i) => {
        if (isDict(item) && item['exclude'] !== undefined) {
          const ex = item['exclude'];
          const exItems = Array.isArray(ex) ? ex : [ex];
          exItems.forEach((x, j) => exclude.push(definition(x, [...path, op, i, 'exclude', j])));
        } else include.push(definition(item, [...path, op, i]));
      });
      const combined: SelectionSpec = { kind: op, items: include };
      return exclude.length === 0 ? combined : { kind: 'difference', include: combined, exclude: { kind: 'union', items: exclude } };
    }
    const method = def['method'];
    if (typeof method !== 'string') return fail(path, "a selector criterion needs 'method' and 'value'");
    const value = String(def['value'] ?? '');
    if (method === 'selector') return resolve(value, [...path, 'value']);
    const atom = parseAtom(`${method}:${value}`, { arg: `selectors.yml ${path.join('.')}`, text: `${method}:${value}` }, 1);
    const depth = (flag: unknown, d: unknown) => (typeof d === 'number' ? d : flag === true);
    atom.parents = depth(def['parents'], def['parents_depth']);
    atom.children = depth(def['children'], def['children_depth']);
    atom.childrensParents = def['childrens_parents'] === true;
    const indirect = def['indirect_selection'];
    if (indirect !== undefined && indirect !== null) {
      if (typeof indirect !== 'string' || !INDIRECT_MODES.includes(indirect as IndirectSelection)) {
        return fail([...path, 'indirect_selection'], `'${String(indirect)}' is not a valid indirect_selection`, didYouMeanHint(String(indirect), INDIRECT_MODES) ?? `expected one of: ${INDIRECT_MODES.join(', ')}`);
      }
      atom.indirectSelection = indirect as IndirectSelection;
    }
    return atom;
  };
  for (const name of raw.keys()) resolve(name, ['selectors', raw.get(name)!.index, 'name']);
  return out;
}

/** The spec for --selector NAME, or the `default: true` selector when nothing was selected. */
export function selectorSpec(selectors: Map<string, NamedSelector>, name: string | undefined, file: string): SelectionSpec | undefined {
  if (name === undefined) return [...selectors.values()].find((s) => s.default)?.spec;
  const hit = selectors.get(name);
  if (!hit) {
    throw new TxError({ code: TxCodes.SelectorUnknown, message: `selector '${name}' is not defined`, loc: { file, line: 0, col: 0 }, hint: didYouMeanHint(name, selectors.keys()) ?? 'define it in selectors.yml' });
  }
  return hit.spec;
}

export type { YamlFile };
