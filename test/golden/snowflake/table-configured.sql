-- transactional: true
-- build the new table
use warehouse big_wh;
alter session set query_tag = 'nightly';
create or replace table analytics.marts.orders__dbt_tmp copy grants as (
select * from (
select id, status, amount, updated_at from analytics.staging.stg_orders
) order by (updated_at, id)
);
alter table analytics.marts.orders__dbt_tmp cluster by (updated_at, id);
alter table analytics.marts.orders__dbt_tmp resume recluster;

-- move the existing table aside
alter table analytics.marts.orders rename to analytics.marts.orders__dbt_backup;

-- move the new relation into place
alter table analytics.marts.orders__dbt_tmp rename to analytics.marts.orders;

-- drop the previous relation
drop table if exists analytics.marts.orders__dbt_backup cascade;
