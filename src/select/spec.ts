/**
 * The selection AST. Mirrors dbt's SelectionCriteria / SelectionUnion / SelectionIntersection /
 * SelectionDifference so behaviour can be compared clause by clause with dbt's source.
 */

/** Graph neighbourhood modifier: false = none, true = unbounded, n = at most n edges. */
export type Depth = boolean | number;

export interface SelectionAtom {
  kind: 'atom';
  /** Method name (`fqn`, `tag`, `config`, ...), already defaulted when the user gave none. */
  method: string;
  /** Dotted arguments after the method name: `config.meta.owner` → ['meta', 'owner']. */
  methodArgs: string[];
  /** True when the user wrote `method:`; false when it was guessed from the value. */
  methodExplicit: boolean;
  value: string;
  /** `+x` / `2+x`. */
  parents: Depth;
  /** `x+` / `x+1`. */
  children: Depth;
  /** `@x`: x, its descendants, and every ancestor of those. */
  childrensParents: boolean;
  /** The atom as written, for messages. */
  raw: string;
  /** selectors.yml `indirect_selection:` of this criterion; beats --indirect-selection, as in dbt. */
  indirectSelection?: IndirectSelection;
}

export interface SelectionUnion {
  kind: 'union';
  items: SelectionSpec[];
  /** dbt warns when a space-separated term matches nothing; only terms the user wrote do. */
  expectExists?: boolean;
  raw?: string;
}

export interface SelectionIntersection {
  kind: 'intersection';
  items: SelectionSpec[];
  expectExists?: boolean;
  raw?: string;
}

/** `--select` minus `--exclude` (and, later, selectors.yml `exclude:`). */
export interface SelectionDifference {
  kind: 'difference';
  include: SelectionSpec;
  exclude: SelectionSpec;
}

export type SelectionSpec = SelectionAtom | SelectionUnion | SelectionIntersection | SelectionDifference;

/** How tests attached to selected nodes are pulled in (dbt's --indirect-selection). */
/** --indirect-selection's modes, as dbt names them (CLI choices, DBT_INDIRECT_SELECTION and selectors.yml). */
export const INDIRECT_SELECTION_MODES = ['eager', 'cautious', 'buildable', 'empty'] as const;
export type IndirectSelection = (typeof INDIRECT_SELECTION_MODES)[number];
