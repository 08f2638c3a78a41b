/** Which nodes a command acts on: the user's selection, narrowed to the command's resource types. */
import type { Session, ParsedProject } from './session.js';
import { selectNodes } from '../select/index.js';
import { topoOrder } from '../graph/index.js';

export function selectForCommand(s: Session, p: ParsedProject, resourceTypes: readonly string[]): string[] {
  const selected = selectNodes({
    graph: p.graph,
    manifest: p.manifest,
    projectName: s.project.name,
    select: s.opts.select,
    exclude: s.opts.exclude,
    resourceTypes: s.opts.resourceTypes,
  });
  const wanted = new Set(resourceTypes);
  const ids = new Set<string>();
  for (const id of selected) {
    const node = p.manifest.nodes[id];
    if (node && wanted.has(node.resource_type)) ids.add(id);
  }
  return topoOrder(p.graph, ids);
}
