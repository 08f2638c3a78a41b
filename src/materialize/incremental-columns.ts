/**
 * Columns as dbt's templates see them (`column.name`, `.quoted`, `.data_type`), and the
 * on_schema_change diff between what a model's query now returns and what its table holds.
 */
import type { Dialect, WarehouseColumn } from '../adapter/types.js';

/** dbt's Column, enough for the strategy, schema-change and snapshot macros. */
export class TemplateColumn {
  constructor(
    readonly name: string,
    readonly dtype: string,
    private readonly quoteIdent: (id: string) => string,
  ) {}

  get column(): string {
    return this.name;
  }
  get quoted(): string {
    return this.quoteIdent(this.name);
  }
  get data_type(): string {
    return this.dtype;
  }
  get expanded_data_type(): string {
    return this.dtype;
  }
  is_string(): boolean {
    return /char|text|string/i.test(this.dtype);
  }
  /** As dbt prints a Column in logs. */
  toString(): string {
    return `<Column ${this.name} (${this.dtype})>`;
  }
}

export function templateColumns(dialect: Dialect, cols: readonly WarehouseColumn[]): TemplateColumn[] {
  return cols.map((c) => new TemplateColumn(c.name, c.dataType, (id) => dialect.quoteIdent(id)));
}

export interface SchemaChanges {
  sourceNotInTarget: WarehouseColumn[];
  targetNotInSource: WarehouseColumn[];
  /** Columns in both whose type differs: dbt's new_target_types. */
  newTargetTypes: { column_name: string; new_type: string }[];
  changed: boolean;
}

/**
 * dbt's check_for_schema_changes. Names compare case-insensitively: the warehouses tx targets
 * treat `ID` and `id` as one column, so a case-only difference is not a new column.
 */
export function diffSchemas(dialect: Dialect, source: readonly WarehouseColumn[], target: readonly WarehouseColumn[]): SchemaChanges {
  const key = (c: WarehouseColumn): string => c.name.toLowerCase();
  const targetByName = new Map(target.map((c) => [key(c), c]));
  const sourceNames = new Set(source.map(key));
  const sourceNotInTarget = source.filter((c) => !targetByName.has(key(c)));
  const targetNotInSource = target.filter((c) => !sourceNames.has(key(c)));
  const newTargetTypes: SchemaChanges['newTargetTypes'] = [];
  for (const c of source) {
    const t = targetByName.get(key(c));
    if (t && dialect.normalizeType(t.dataType) !== dialect.normalizeType(c.dataType)) {
      newTargetTypes.push({ column_name: c.name, new_type: c.dataType });
    }
  }
  const changed = sourceNotInTarget.length > 0 || targetNotInSource.length > 0 || newTargetTypes.length > 0;
  return { sourceNotInTarget, targetNotInSource, newTargetTypes, changed };
}

/** `[a, b]` as dbt logs column lists. */
export function columnList(cols: readonly { name: string }[]): string {
  return `[${cols.map((c) => c.name).join(', ')}]`;
}
