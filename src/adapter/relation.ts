/**
 * dbt's Relation, for templates (`{{ this }}`, `relation.include(schema=false)`) and TS alike.
 * Immutable: include/quote/incorporate return copies, as dbt's frozen dataclass does.
 */
import type { Dialect, RelationRef, RelationType } from './types.js';

export interface Policy {
  database: boolean;
  schema: boolean;
  identifier: boolean;
}

type PartialPolicy = Partial<Record<keyof Policy, unknown>>;

/** Nunjucks passes keyword arguments as a trailing object tagged `__keywords`; positional also accepted. */
function policyArgs(args: unknown[]): PartialPolicy {
  const first = args[0];
  if (args.length === 1 && first !== null && typeof first === 'object') return first as PartialPolicy;
  const [database, schema, identifier] = args;
  return { database, schema, identifier };
}

function mergePolicy(base: Policy, upd: PartialPolicy): Policy {
  const pick = (k: keyof Policy): boolean => {
    const v = upd[k];
    return v === undefined || v === null ? base[k] : Boolean(v);
  };
  return { database: pick('database'), schema: pick('schema'), identifier: pick('identifier') };
}

export interface RelationInit extends RelationRef {
  type?: RelationType | null;
  quotePolicy?: Policy;
  includePolicy?: Policy;
}

/** dbt's relation class name per adapter (`relation.get('metadata')['type']`, which dbt_utils checks). */
const PY_MAPPING: unique symbol = Symbol.for('tx.pyMapping');

const CLASS_NAMES: Record<string, string> = { duckdb: 'DuckDBRelation', postgres: 'PostgresRelation', snowflake: 'SnowflakeRelation', bigquery: 'BigQueryRelation' };

export class Relation {
  /** A Python Mapping (dbt's relations are FakeAPIObjects): `relation is mapping` holds in templates. */
  readonly [PY_MAPPING] = true;
  readonly database: string | null;
  readonly schema: string;
  readonly identifier: string;
  readonly type: RelationType | null;
  readonly quote_policy: Policy;
  readonly include_policy: Policy;

  constructor(private readonly dialect: Dialect, init: RelationInit) {
    this.database = init.database;
    this.schema = init.schema;
    this.identifier = init.identifier;
    this.type = init.type ?? null;
    this.quote_policy = init.quotePolicy ?? { ...dialect.defaultQuoting };
    this.include_policy = init.includePolicy ?? { database: true, schema: true, identifier: true };
  }

  /**
   * @param quoting the project's `quoting:` config (dbt_project.yml / node config); unset keys
   *   fall back to the dialect's default policy.
   */
  static create(dialect: Dialect, ref: RelationRef, type?: RelationType | null, quoting?: PartialPolicy): Relation {
    const quotePolicy = mergePolicy({ ...dialect.defaultQuoting }, quoting ?? {});
    return new Relation(dialect, { ...ref, type: type ?? null, quotePolicy });
  }

  get name(): string {
    return this.identifier;
  }
  get table(): string {
    return this.identifier;
  }
  get path(): RelationRef {
    return { database: this.database, schema: this.schema, identifier: this.identifier };
  }
  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return this.type === 'cte';
  }
  get is_materialized_view(): boolean {
    return this.type === 'materialized_view';
  }
  /** dbt-snowflake's SnowflakeRelation.is_dynamic_table. */
  get is_dynamic_table(): boolean {
    return this.type === 'dynamic_table';
  }

  private copy(upd: Partial<RelationInit>): Relation {
    return new Relation(this.dialect, {
      database: this.database,
      schema: this.schema,
      identifier: this.identifier,
      type: this.type,
      quotePolicy: this.quote_policy,
      includePolicy: this.include_policy,
      ...upd,
    });
  }

  /** `include(database=false)`: a copy that renders only the included parts. */
  include(...args: unknown[]): Relation {
    return this.copy({ includePolicy: mergePolicy(this.include_policy, policyArgs(args)) });
  }

  /** `quote(identifier=false)`: a copy with an updated quoting policy. */
  quote(...args: unknown[]): Relation {
    return this.copy({ quotePolicy: mergePolicy(this.quote_policy, policyArgs(args)) });
  }

  /** `incorporate(path={"identifier": x}, type="view")`. */
  incorporate(opts?: { path?: Partial<Record<keyof RelationRef, string | null>>; type?: RelationType | null }): Relation {
    const path = opts?.path ?? {};
    const upd: Partial<RelationInit> = {};
    if (path.database !== undefined) upd.database = path.database;
    if (typeof path.schema === 'string') upd.schema = path.schema;
    if (typeof path.identifier === 'string') upd.identifier = path.identifier;
    if (opts?.type !== undefined) upd.type = opts.type;
    return this.copy(upd);
  }

  without_identifier(): Relation {
    return this.include({ identifier: false });
  }

  render(): string {
    const parts: string[] = [];
    const add = (k: keyof Policy, v: string | null): void => {
      if (!this.include_policy[k] || v === null || v === '') return;
      parts.push(this.quote_policy[k] ? this.dialect.quoteIdent(v) : v);
    };
    add('database', this.database);
    add('schema', this.schema);
    add('identifier', this.identifier);
    return parts.join('.');
  }

  toString(): string {
    return this.render();
  }

  /** Case-insensitive match on the given parts (dbt's `relation.matches`). */
  matches(database?: string | null, schema?: string | null, identifier?: string | null): boolean {
    const eq = (a: string | null, b: string | null | undefined): boolean =>
      b === undefined || b === null || (a ?? '').toLowerCase() === b.toLowerCase();
    return eq(this.database, database) && eq(this.schema, schema) && eq(this.identifier, identifier);
  }

  toRef(): RelationRef {
    return this.path;
  }

  /** `metadata`: what dbt serialises alongside the fields, the relation's class. */
  get metadata(): { type: string } {
    return { type: CLASS_NAMES[this.dialect.name] ?? 'BaseRelation' };
  }

  /** Mapping.get: a field by name (dbt's FakeAPIObject reads attributes). */
  get(key: unknown, dflt: unknown = null): unknown {
    const k = String(key);
    if (!['database', 'schema', 'identifier', 'type', 'path', 'quote_policy', 'include_policy', 'metadata', 'name', 'table'].includes(k)) return dflt;
    return (this as unknown as Record<string, unknown>)[k] ?? dflt;
  }

  to_dict(): Record<string, unknown> {
    return { path: this.path, quote_policy: this.quote_policy, include_policy: this.include_policy, type: this.type, metadata: this.metadata };
  }
}
