/**
 * Aggregate function names across DuckDB, Postgres, BigQuery and Snowflake. A parser only sees a
 * function call; whether it collapses rows decides the lineage kind ('aggregation').
 */
const NAMES = [
  'count', 'count_star', 'count_if', 'countif', 'sum', 'avg', 'mean', 'min', 'max', 'any_value', 'arbitrary', 'first', 'last',
  'arg_max', 'arg_min', 'argmax', 'argmin', 'max_by', 'min_by', 'arg_max_null', 'arg_min_null',
  'array_agg', 'list', 'string_agg', 'group_concat', 'listagg', 'array_concat_agg', 'json_agg', 'jsonb_agg',
  'json_object_agg', 'jsonb_object_agg', 'json_group_array', 'json_group_object', 'object_agg', 'array_unique_agg',
  'bool_and', 'bool_or', 'every', 'logical_and', 'logical_or', 'booland_agg', 'boolor_agg', 'boolxor_agg',
  'bit_and', 'bit_or', 'bit_xor', 'bitand_agg', 'bitor_agg', 'bitxor_agg', 'bitstring_agg',
  'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'var', 'kurtosis', 'kurtosis_pop', 'skewness',
  'corr', 'covar_pop', 'covar_samp', 'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope',
  'regr_sxx', 'regr_sxy', 'regr_syy', 'median', 'mode', 'quantile', 'quantile_cont', 'quantile_disc', 'percentile_cont',
  'percentile_disc', 'approx_count_distinct', 'approx_quantile', 'approx_top_k', 'approx_percentile', 'reservoir_quantile',
  'approx_distinct', 'hll_count', 'histogram', 'entropy', 'product', 'fsum', 'sumkahan', 'kahan_sum', 'favg', 'mad',
  'sum_no_overflow', 'bitmap_agg', 'hash_agg', 'minhash', 'approx_top_count', 'ratio_to_report',
];

const AGGREGATES: ReadonlySet<string> = new Set(NAMES);

export function isAggregate(name: string): boolean {
  return AGGREGATES.has(name) || AGGREGATES.has(name.toLowerCase());
}
