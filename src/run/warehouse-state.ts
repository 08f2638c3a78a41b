/**
 * One snapshot of the relations a run touches: one listRelations round trip per schema,
 * taken before any node runs, so planning is pure and never waits on the warehouse.
 */
import type { Connection, RelationInfo, RelationRef, SchemaRef } from '../adapter/types.js';

export class WarehouseState {
  private readonly relations = new Map<string, RelationInfo>();
  private readonly schemas = new Set<string>();

  static key(r: { database: string | null; schema: string; identifier?: string }): string {
    return `${(r.database ?? '').toLowerCase()}\u0000${r.schema.toLowerCase()}\u0000${(r.identifier ?? '').toLowerCase()}`;
  }

  static async load(conn: Connection, schemas: SchemaRef[]): Promise<WarehouseState> {
    const state = new WarehouseState();
    const existing = new Map<string, Set<string>>();
    for (const s of schemas) {
      const db = s.database ?? '';
      if (!existing.has(db)) existing.set(db, new Set((await conn.listSchemas(s.database)).map((x) => x.toLowerCase())));
      if (!existing.get(db)!.has(s.schema.toLowerCase())) continue;
      state.schemas.add(WarehouseState.key(s));
      for (const r of await conn.listRelations(s)) state.relations.set(WarehouseState.key(r), r);
    }
    return state;
  }

  /** Records a schema the run has just created (it holds no relations yet). */
  addEmptySchema(s: SchemaRef): void {
    this.schemas.add(WarehouseState.key(s));
  }

  hasSchema(s: SchemaRef): boolean {
    return this.schemas.has(WarehouseState.key(s));
  }

  lookup(ref: RelationRef): RelationInfo | undefined {
    return this.relations.get(WarehouseState.key(ref));
  }
}
