/**
 * The one error type of tx. Every user-facing failure is a TxError with a code,
 * a message, and (whenever the problem lives in a file) a position.
 */
export interface SourceLoc {
  /** Absolute path of the file the problem is in. Formatting makes it relative to cwd. */
  file: string;
  /** 1-based line; 0 when unknown. */
  line: number;
  /** 1-based column; 0 when unknown. */
  col: number;
}

export type Severity = 'error' | 'warn';

export interface TxErrorInit {
  code: TxCode;
  message: string;
  loc?: SourceLoc | undefined;
  hint?: string | undefined;
  cause?: unknown;
  severity?: Severity;
}

export class TxError extends Error {
  readonly code: TxCode;
  readonly loc: SourceLoc | undefined;
  readonly hint: string | undefined;
  readonly severity: Severity;

  constructor(init: TxErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TxError';
    this.code = init.code;
    this.loc = init.loc;
    this.hint = init.hint;
    this.severity = init.severity ?? 'error';
  }
}

export function isTxError(e: unknown): e is TxError {
  return e instanceof TxError;
}

/**
 * Error codes, grouped by phase. The number is stable: tests and users grep for it.
 *   01xx project / YAML   02xx template   03xx ref & source resolution
 *   04xx graph & selection   05xx compile   06xx adapter   07xx execution   08xx tests
 *   09xx CLI usage
 */
export const TxCodes = {
  // project / YAML
  ProjectNotFound: 'TX0101',
  YamlSyntax: 'TX0102',
  ProjectInvalid: 'TX0103',
  ProfileNotFound: 'TX0104',
  ProfileInvalid: 'TX0105',
  PropertiesInvalid: 'TX0106',
  DuplicateName: 'TX0107',
  SeedInvalid: 'TX0108',
  // template
  TemplateSyntax: 'TX0201',
  TemplateRender: 'TX0202',
  UndefinedVar: 'TX0203',
  MissingEnvVar: 'TX0204',
  CompilerError: 'TX0205',
  UnknownMacro: 'TX0206',
  // ref / source / doc
  RefNotFound: 'TX0301',
  SourceNotFound: 'TX0302',
  DocNotFound: 'TX0303',
  DisabledRef: 'TX0304',
  // graph / selection
  Cycle: 'TX0401',
  SelectorSyntax: 'TX0402',
  SelectorUnknown: 'TX0403',
  // compile
  EphemeralInvalid: 'TX0501',
  ConfigInvalid: 'TX0502',
  /** The query's columns differ from the model's enforced contract. */
  ContractMismatch: 'TX0503',
  /** A contract or constraint declaration that cannot be enforced as written. */
  ContractInvalid: 'TX0504',
  /** --state: a change that breaks an enforced contract. */
  ContractBreakingChange: 'TX0505',
  /** A constraint the adapter or materialization does not enforce (warnings). */
  ConstraintNotEnforced: 'TX0506',
  /** A model version past (or nearing) its deprecation_date, or a ref to one (warnings). */
  ModelDeprecated: 'TX0507',
  // static SQL analysis of compiled SQL (src/analysis), TX0510–TX0529
  /** The compiled SQL does not parse (DuckDB's parser: exact). */
  SqlSyntax: 'TX0510',
  /** A statement the parser cannot analyse (node-sql-parser gaps, non-query statements): a warning. */
  SqlUnsupported: 'TX0511',
  /** A column no relation in scope produces. */
  ColumnNotFound: 'TX0512',
  /** An unqualified column that several relations in scope produce. */
  AmbiguousColumn: 'TX0513',
  /** `x.col` where no relation in the query is named or aliased `x`. */
  UnknownTableAlias: 'TX0514',
  /** The columns inferred from a contracted model's SQL differ from its contract. */
  StaticContractMismatch: 'TX0515',
  /** A relation written by name that is a model, seed, snapshot or source: use ref()/source() (warning). */
  HardCodedRelation: 'TX0516',
  /** A `static_analysis` config value other than on/off. */
  StaticAnalysisConfig: 'TX0517',
  // adapter
  AdapterUnknown: 'TX0601',
  ConnectionFailed: 'TX0602',
  // execution
  DatabaseError: 'TX0701',
  Cancelled: 'TX0702',
  // usage
  TestInvalid: 'TX0801',
  TestMacroNotFound: 'TX0802',
  UnitTestInvalid: 'TX0803',

  Usage: 'TX0901',
  Internal: 'TX0999',
} as const;

export type TxCode = (typeof TxCodes)[keyof typeof TxCodes];
