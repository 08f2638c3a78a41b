-- transactional: true
-- build the new table
create or replace transient table analytics.marts.orders__dbt_tmp as (
select id, status, amount, updated_at from analytics.staging.stg_orders
);

-- move the existing view aside
alter view analytics.marts.orders rename to analytics.marts.orders__dbt_backup;

-- move the new relation into place
alter table analytics.marts.orders__dbt_tmp rename to analytics.marts.orders;

-- drop the previous relation
drop view if exists analytics.marts.orders__dbt_backup cascade;
