/** Which nodes a command acts on: the user's selection, narrowed to the command's resource types. */
import type { Session, ParsedProject } from './session.js';
import { selectNodes } from '../select/index.js';
import { topoOrder } from '../graph/index.js';
import { loadSelectors, selectorSpec } from '../select/selectors-yaml.js';
import { join } from 'node:path';
import { TxError, TxCodes } from '../errors/tx-error.js';
import type { SelectionSpec } from '../select/spec.js';
import { stateMethods, type StateMethods } from '../state/state-checks.js';
import { sourceFreshnessStates } from './source-status.js';

/** --selector NAME from selectors.yml, or its `default: true` selector when nothing is selected. */
export function namedSelection(s: Session): SelectionSpec | undefined {
  if (s.opts.selector !== undefined && s.opts.select !== undefined && s.opts.select.length > 0) {
    throw new TxError({ code: TxCodes.Usage, message: '--selector and --select cannot be combined', hint: 'put the extra criteria into the selector definition, or use --select alone' });
  }
  if (s.opts.select !== undefined && s.opts.select.length > 0) return undefined;
  return selectorSpec(loadSelectors(s.project.rootDir), s.opts.selector, join(s.project.rootDir, 'selectors.yml'));
}

/** The user's selection (--select/--exclude/--selector), warning about terms that match nothing. */
export function selectedIds(s: Session, p: ParsedProject, resourceTypes: readonly string[] | undefined): Set<string> {
  const ids = selectNodes({
    graph: p.graph,
    manifest: p.manifest,
    projectName: s.project.name,
    select: s.opts.select,
    exclude: s.opts.exclude,
    resourceTypes,
    selectorSpec: namedSelection(s),
    indirectSelection: s.opts.indirectSelection,
    warn: (w) => s.inv.reporter.emit({ type: 'diagnostic', error: w }),
    ...stateOption(s, p),
    sourceFreshness: sourceFreshnessStates(s),
  });
  return withoutExcludedTypes(ids, p, s.opts.excludeResourceTypes);
}

/** dbt's --exclude-resource-type: those types are taken out of whatever was selected. */
function withoutExcludedTypes(ids: Set<string>, p: ParsedProject, excluded: readonly string[] | undefined): Set<string> {
  if (!excluded || excluded.length === 0) return ids;
  const types = new Set(excluded);
  const m = p.manifest;
  return new Set([...ids].filter((id) => !types.has((m.nodes[id] ?? m.sources[id] ?? m.unit_tests[id] ?? m.exposures[id])?.resource_type ?? '')));
}

/** `state:` / `result:` methods, built (and the state's artifacts read) only when a selector uses them. */
function stateOption(s: Session, p: ParsedProject): { state?: StateMethods } {
  const previous = s.previousState();
  if (!previous) return {};
  let methods: StateMethods | undefined;
  const get = () => (methods ??= stateMethods(previous, p.manifest, s.dialect.name));
  return { state: { state: (selector) => get().state(selector), result: (status) => get().result(status) } };
}

/** Executable nodes of the command's resource types, in deterministic dependency order. */
export function selectForCommand(s: Session, p: ParsedProject, resourceTypes: readonly string[]): string[] {
  const selected = s.opts.onlyIds ? new Set(s.opts.onlyIds) : selectedIds(s, p, s.opts.resourceTypes);
  const wanted = new Set(resourceTypes);
  const ids = new Set<string>();
  for (const id of selected) {
    const node = p.manifest.nodes[id] ?? p.manifest.unit_tests[id];
    if (node && wanted.has(node.resource_type)) ids.add(id);
  }
  const ordered = topoOrder(p.graph, ids);
  // dbt's `selected_resources`: what this command acts on, visible to templates and hooks.
  s.baseScope['selected_resources'] = ordered;
  return ordered;
}
