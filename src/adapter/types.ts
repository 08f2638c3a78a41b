/**
 * The adapter seam. A Dialect is pure and synchronous (compile and plan use only it);
 * a Connection is the only I/O surface, held only by src/run.
 */
export type ConstraintKind = 'not_null' | 'primary_key' | 'unique' | 'check' | 'foreign_key';

export interface Capabilities {
  transactions: boolean;
  /**
   * Whether DDL joins an open transaction (DuckDB, Postgres). Snowflake commits before every DDL
   * statement, so there a plan holds only its DML in a transaction, and an incremental run that
   * must alter the table's columns does so on a staged copy it swaps in afterwards. Default: true
   * where `transactions` is.
   */
  ddlInTransactions?: boolean;
  merge: boolean;
  createOrReplaceTable: boolean;
  renameRelation: boolean;
  enforcedConstraints: readonly ConstraintKind[];
  /**
   * Constraints left out of the DDL altogether (dbt's NOT_SUPPORTED), with a warning. Kinds in
   * neither list are written into the DDL but not enforced (dbt's NOT_ENFORCED), with a warning.
   */
  unsupportedConstraints?: readonly ConstraintKind[];
  multiStatement: boolean;
  /**
   * How seeds reach the warehouse. 'read_csv': SQL reads the file itself (DuckDB's reader).
   * 'load_step': the plan holds a load step the runner performs, through Connection.loadCsv
   * (e.g. Postgres COPY) or, without it, batched parameterised inserts. Absent: 'read_csv',
   * today's DuckDB behaviour; every other adapter should declare 'load_step'.
   */
  seedLoader?: 'read_csv' | 'load_step';
  /**
   * The built-in incremental strategies the adapter's dbt plugin accepts. Absent: append,
   * delete+insert, merge (when `merge`) and microbatch; custom strategies are allowed.
   * `strict` (dbt-bigquery): only these, no custom strategies, validated before anything runs,
   * `default` naming what an unset strategy means; `microbatchPartitioned`: microbatch needs a
   * partition_by whose granularity is the batch size.
   */
  incrementalStrategies?: { names: readonly string[]; strict?: boolean; default?: string; microbatchPartitioned?: boolean };
}

export interface RelationRef {
  database: string | null;
  schema: string;
  identifier: string;
}

export type RelationType = 'table' | 'view' | 'external' | 'materialized_view' | 'dynamic_table' | 'cte';

export interface RelationInfo extends RelationRef {
  type: RelationType;
}

export interface SchemaRef {
  database: string | null;
  schema: string;
}

export interface WarehouseColumn {
  name: string;
  dataType: string;
}

/** One column as the warehouse's catalog describes it (catalog.json's columns). */
export interface CatalogColumn {
  name: string;
  /** 1-based ordinal position. */
  index: number;
  dataType: string;
  comment: string | null;
}

/** One relation with its columns and statistics, for catalog.json (`tx docs generate`). */
export interface CatalogRelation extends RelationRef {
  /** As the warehouse names it ('BASE TABLE', 'VIEW', …): catalog.json's metadata.type. */
  tableType: string;
  comment: string | null;
  owner: string | null;
  /** Row count from the warehouse's statistics (may be approximate); null when unknown or a view. */
  rowCount: number | null;
  /** Storage size in bytes, when the warehouse reports it. */
  bytes: number | null;
  /** In ordinal order. */
  columns: CatalogColumn[];
}

export interface QueryResult {
  /** Column names of the result set, in order (empty when nothing was fetched). */
  columns: string[];
  rows: unknown[][];
  /** Rows affected / returned, when the driver reports it. */
  rowsAffected: number | null;
  /** The warehouse's type name of each column (`DECIMAL(10,2)`, `numeric`), when the driver reports it. */
  columnTypes?: string[];
  /** Driver-specific response, copied into run_results' adapter_response. */
  adapterResponse: Record<string, unknown>;
}

export interface Dialect {
  name: string;
  parent?: string;
  capabilities: Capabilities;
  /** node-sql-parser's dialect name for static analysis. */
  sqlParserDialect: string;
  /** Default identifier quoting policy (dbt's `quoting:` default). */
  defaultQuoting: { database: boolean; schema: boolean; identifier: boolean };
  quoteIdent(id: string): string;
  /** Renders database.schema.identifier honouring a quoting policy; null database is omitted. */
  renderRelation(r: RelationRef, quoting?: { database: boolean; schema: boolean; identifier: boolean }): string;
  normalizeType(t: string): string;
  literal(v: unknown): string;
  /** How bound parameters are written in SQL: `$1, $2` (dollar) or `?` (question, the default). */
  paramStyle?: 'dollar' | 'question';
  /**
   * dbt's BaseRelation.require_alias: a ref()/source() rendered as a subquery (a microbatch's
   * event-time filter) gets an alias, `_dbt_et_filter_subq_<identifier>`, which Postgres needs.
   * Default true, as dbt's; dbt-snowflake and dbt-bigquery turn it off.
   */
  requireAlias?: boolean;
}

export interface ExecuteOptions {
  fetch?: boolean;
  signal?: AbortSignal;
  /** Bound parameters (one statement only), written in the SQL as Dialect.paramStyle says. */
  params?: readonly unknown[];
  /**
   * Fetched values exactly as stored (see src/adapter/sql-values.ts: decimals, dates,
   * timestamps, times) plus `columnTypes`, for templates that read query results.
   */
  exact?: boolean;
}

/** A CSV file to stream into an existing table whose columns are all text (a seed's staging table). */
export interface CsvLoad {
  /** Absolute path of the file; its first record is a header and is skipped. */
  path: string;
  relation: RelationRef;
  /** Target columns, in file order. */
  columns: string[];
  /** One character. Quote and escape are `"` (RFC 4180). */
  delimiter: string;
}

export interface Connection {
  execute(sql: string, opts?: ExecuteOptions): Promise<QueryResult>;
  /** Every relation of one schema in one round trip (used once per schema, before planning). */
  listRelations(schema: SchemaRef): Promise<RelationInfo[]>;
  listSchemas(database: string | null): Promise<string[]>;
  getColumns(relation: RelationRef): Promise<WarehouseColumn[]>;
  /** Columns a query would return, without computing its rows. */
  describeQuery(sql: string): Promise<WarehouseColumn[]>;
  /** Every relation of one schema with its columns and row statistics, in one round trip (catalog.json). */
  catalog(schema: SchemaRef): Promise<CatalogRelation[]>;
  /**
   * Streams a CSV file into a table in bulk (e.g. Postgres COPY … FROM STDIN), inside whatever
   * transaction is open. Optional: without it the runner falls back to batched inserts.
   */
  loadCsv?(load: CsvLoad, opts?: ExecuteOptions): Promise<QueryResult>;
  /** Interrupts whatever this connection is running. */
  cancel(): Promise<void>;
  close(): Promise<void>;
}

/** Opens connections for one target; owns shared driver state (e.g. the DuckDB instance). */
export interface ConnectionPool {
  /**
   * What this server changes in the dialect's capabilities, learnt when the pool connected (e.g.
   * Postgres before 15 has no MERGE). Plans read the dialect's capabilities with these applied;
   * the dialect itself stays pure.
   */
  readonly capabilityOverrides?: Partial<Capabilities>;
  acquire(): Promise<Connection>;
  release(conn: Connection): void;
  /** Cancels every running query on every connection. */
  cancelAll(): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectContext {
  /** Directory relative paths in credentials resolve against (the project root). */
  projectDir: string;
  threads: number;
}

export interface TargetCredentials {
  type: string;
  database: string | null;
  schema: string;
  threads: number;
  /** Everything else the profile set, adapter-specific. Secrets live here: never log it. */
  [key: string]: unknown;
}

export interface Adapter {
  dialect: Dialect;
  /** Validates and normalises raw profile output; throws TxError(ProfileInvalid) with the bad key. */
  resolveCredentials(raw: Record<string, unknown>): TargetCredentials;
  /** Keys of credentials whose values must never appear in logs or artifacts. */
  secretKeys: readonly string[];
  connect(creds: TargetCredentials, ctx: ConnectContext): Promise<ConnectionPool>;
}
