/**
 * The project's relations by the names SQL can use for them: `db.schema.table`, `schema.table`
 * when the database is the target's, `table` when the schema is too (as the warehouse resolves an
 * unqualified name), and `__dbt__cte__<name>` for ephemeral models. Columns are looked up when a
 * query needs them, so shapes inferred earlier along the DAG are seen. Several nodes may name one
 * relation (a source declared over a seed's table): the one the query may read is preferred, and
 * the columns come from whichever of them knows all of its columns.
 */
import type { Manifest, ManifestNode, SourceNode } from '../parse/manifest-types.js';
import type { Shape } from './shape.js';
import type { CatalogHit, RelationCatalog } from './resolve-query.js';

interface Entry {
  id: string;
  label: string;
  jinja: string;
}

export interface CatalogTarget {
  database: string | null;
  schema: string;
}

const norm = (s: string | null | undefined): string => (s ?? '').toLowerCase();

function isRelation(n: ManifestNode): boolean {
  return n.config.enabled !== false && (n.resource_type === 'model' || n.resource_type === 'seed' || n.resource_type === 'snapshot');
}

export class ProjectRelations implements RelationCatalog {
  private readonly byName = new Map<string, Entry[]>();

  constructor(
    manifest: Manifest,
    target: CatalogTarget,
    private readonly shapeOf: (id: string) => Shape | null,
  ) {
    const add = (db: string | null, schema: string, identifier: string, e: Entry) => {
      const keys = [`${norm(db)}.${norm(schema)}.${norm(identifier)}`];
      if (db === null || norm(db) === norm(target.database)) {
        keys.push(`${norm(schema)}.${norm(identifier)}`);
        if (norm(schema) === norm(target.schema)) keys.push(norm(identifier));
      }
      for (const k of keys) this.push(k, e);
    };
    for (const id of Object.keys(manifest.nodes).sort()) {
      const n = manifest.nodes[id]!;
      if (!isRelation(n)) continue;
      const entry = { id, label: `${n.resource_type} '${n.name}'`, jinja: n.resource_type === 'seed' || n.resource_type === 'model' || n.resource_type === 'snapshot' ? `{{ ref('${n.name}') }}` : n.name };
      if (n.config.materialized === 'ephemeral') this.push(`__dbt__cte__${norm(n.name)}`, entry);
      else add(n.database, n.schema, n.alias, entry);
    }
    for (const id of Object.keys(manifest.sources).sort()) {
      const s: SourceNode = manifest.sources[id]!;
      add(s.database, s.schema, s.identifier, { id, label: `source '${s.source_name}.${s.name}'`, jinja: `{{ source('${s.source_name}', '${s.name}') }}` });
    }
  }

  private push(key: string, e: Entry): void {
    const list = this.byName.get(key);
    if (!list) this.byName.set(key, [e]);
    else if (!list.some((x) => x.id === e.id)) list.push(e);
  }

  find(parts: string[], prefer: { has(id: string): boolean }): CatalogHit | undefined {
    const key = parts.length === 1 ? parts[0]!.toLowerCase() : parts.join('.').toLowerCase();
    const list = this.byName.get(key);
    if (!list) return undefined;
    if (list.length === 1) return { id: list[0]!.id, label: list[0]!.label, jinja: list[0]!.jinja, shape: this.shapeOf(list[0]!.id) };
    const e = list.find((x) => prefer.has(x.id)) ?? list[0]!;
    const shapes = [e, ...list.filter((x) => x !== e)].map((x) => this.shapeOf(x.id));
    return { ...e, shape: shapes.find((sh) => sh !== null && !sh.open) ?? shapes[0] ?? null };
  }
}
