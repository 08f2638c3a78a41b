/**
 * A ref()/source() seen from inside one microbatch: renders as the upstream filtered to the
 * batch window, as dbt's BaseRelation.__str__ with an event_time_filter: `(select * from … where …)`
 * followed, where the dialect requires it (Postgres, DuckDB), by dbt's alias
 * `_dbt_et_filter_subq_<identifier>`. `.render()` stays the plain name (dbt's escape hatch to read
 * the whole upstream).
 */
import { Relation } from '../adapter/relation.js';
import type { Dialect } from '../adapter/types.js';
import { pyUtcString, type Batch } from './microbatch-batches.js';

export class EventTimeRelation extends Relation {
  private readonly requireAlias: boolean;

  constructor(
    dialect: Dialect,
    base: Relation,
    readonly eventTime: string,
    readonly batch: Batch,
  ) {
    super(dialect, {
      database: base.database,
      schema: base.schema,
      identifier: base.identifier,
      type: base.type,
      quotePolicy: base.quote_policy,
      includePolicy: base.include_policy,
    });
    this.requireAlias = dialect.requireAlias !== false;
  }

  override toString(): string {
    const f = this.eventTime;
    const alias = this.requireAlias ? ` _dbt_et_filter_subq_${this.identifier}` : '';
    return `(select * from ${this.render()} where ${f} >= '${pyUtcString(this.batch.start)}' and ${f} < '${pyUtcString(this.batch.end)}')${alias}`;
  }
}

/** Wraps an upstream's relation when it has event_time configured; others are read whole. */
export function batchRelation(dialect: Dialect, batch: Batch, upstreamConfig: Record<string, unknown>, rel: Relation): Relation {
  const eventTime = upstreamConfig['event_time'];
  if (typeof eventTime !== 'string' || eventTime === '') return rel;
  return new EventTimeRelation(dialect, rel, eventTime, batch);
}
