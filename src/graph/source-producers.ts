/**
 * A source that names a relation this project itself builds (typically a seed loaded into
 * the warehouse and then declared as a source) gets an edge from that producer. dbt has no
 * such edge, so `dbt build` can read the source before the seed has loaded; tx orders them.
 */
import type { Manifest } from '../parse/manifest-types.js';
import type { TxGraph } from './types.js';

export function addSourceProducerEdges(graph: TxGraph, manifest: Manifest): number {
  const producers = new Map<string, string>();
  const key = (db: string | null, schema: string, id: string) => `${(db ?? '').toLowerCase()}.${schema.toLowerCase()}.${id.toLowerCase()}`;
  for (const n of Object.values(manifest.nodes)) {
    if (n.relation_name === null) continue;
    producers.set(key(n.database, n.schema, n.alias), n.unique_id);
  }
  let added = 0;
  for (const s of Object.values(manifest.sources)) {
    const producer = producers.get(key(s.database, s.schema, s.identifier));
    if (producer && graph.hasNode(producer) && !graph.hasEdge(producer, s.unique_id)) {
      graph.addEdge(producer, s.unique_id);
      added++;
    }
  }
  return added;
}
