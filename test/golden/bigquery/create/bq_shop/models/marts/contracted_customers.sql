-- build the table
create or replace table `tx-test-project`.`shop`.`contracted_customers`
(
    customer_id int64 not null primary key not enforced,
    name string,
    vip bool
)
options(labels=[('layer', 'marts'), ('team', 'data')])
as (
select customer_id, name, vip
from (
-- alias_types off: tx translates `string` to dbt-core's TEXT label, which BigQuery does not know
-- (dbt-bigquery keeps STRING); see the BigQuery notes in README.md.

select customer_id, name, vip from `tx-test-project`.`shop`.`stg_customers`
) as model_subq
);
