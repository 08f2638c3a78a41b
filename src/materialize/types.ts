/** Plans: pure functions from (node, warehouse snapshot) to SQL statements. They never execute. */
import type { Capabilities, Connection, CsvLoad, Dialect, RelationInfo, RelationRef, WarehouseColumn } from '../adapter/types.js';
import type { Relation } from '../adapter/relation.js';

export interface Statement {
  sql: string;
  /** Why this statement runs (logged and shown by --dry-run). */
  purpose: string;
  fetch?: boolean;
  /**
   * Run inside a transaction of its own (with the adjacent statements that also ask), in a plan
   * that is not transactional as a whole: Snowflake's DML after DDL that committed on its own.
   */
  transaction?: boolean;
  /**
   * A bulk-load step: the runner streams this file into `load.relation` (Connection.loadCsv, or
   * batched inserts) instead of executing `sql`, which then only describes the step for logs.
   */
  load?: LoadStep;
  /**
   * A hook whose template reads the warehouse (run_query, statement): rendered on the node's
   * connection right before it runs, where it sees what the statements before it did; `sql`
   * then holds the template, for logs. An empty rendering runs nothing, as in dbt.
   */
  renderAtRun?: (conn: Connection, signal?: AbortSignal) => Promise<string>;
}

/** A seed's bulk-load step; the insert fallback needs the rendered table and the parameter style. */
export interface LoadStep extends CsvLoad {
  /** `insert into <staging> (<columns>) values ` as the dialect renders it. */
  insertPrefix: string;
  paramStyle: 'dollar' | 'question';
}

export interface Plan {
  statements: Statement[];
  /** When true the runner wraps all statements in one transaction (begin … commit / rollback). */
  transactional: boolean;
  /** Run before the transaction begins (pre-hooks with `transaction: false`). */
  before?: Statement[];
  /** Run after it commits (post-hooks with `transaction: false`); a failure here keeps what was committed. */
  after?: Statement[];
  /**
   * Run, best effort, after a statement failed (errors ignored): what a plan that is not one
   * transaction left behind, e.g. a staged copy (incremental.ts).
   */
  cleanup?: Statement[];
}

export interface PlanContext {
  dialect: Dialect;
  capabilities: Capabilities;
  /** The target relation as found in the warehouse snapshot. */
  existing: RelationInfo | undefined;
  /**
   * Any relation in the snapshot (tmp/backup leftovers). DuckDB refuses `drop table` on a view,
   * so dropping a leftover needs its real type. Absent: leftovers are assumed to be absent too.
   */
  lookup?: (ref: RelationRef) => RelationInfo | undefined;
  relation: Relation;
  fullRefresh: boolean;
  /** dispatch + render a template macro; provided by the caller (the Jinja engine in a node's scope). */
  callMacro(name: string, args: unknown[], kwargs?: Record<string, unknown>): string;
}

export interface SeedColumn {
  name: string;
  /** Type the column is created with (inferred, or the column_types override). */
  type: string;
  /** How the raw text is parsed into `type` (see seed-infer.ts). */
  parse: SeedParse;
  /**
   * What the file's values of this column need on the way to `type`, learnt while inferring it:
   * 'null' spellings or blank values (the null test), surrounding whitespace (trim), group
   * separators (dropping commas), upper-case letters (booleans). Absent: assume all of them.
   * The load SQL then does only what the values need.
   */
  shape?: SeedValueShape;
}

export interface SeedValueShape {
  nullWords: boolean;
  padded: boolean;
  grouped: boolean;
  upper: boolean;
}

export type SeedParse = 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'text' | 'override';

export interface SeedInput {
  /** Absolute path of the CSV file. */
  path: string;
  delimiter: string;
  columns: SeedColumn[];
  /** Quote column names (dbt's `quote_columns`, default true). */
  quoteColumns: boolean;
  /** Columns of the existing table, when it exists (decides truncate+reload vs rebuild). */
  existingColumns?: WarehouseColumn[];
}
