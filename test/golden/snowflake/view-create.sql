-- transactional: true
-- create the new view
create or replace view analytics.marts.orders__dbt_tmp as (
select id, status, amount, updated_at from analytics.staging.stg_orders
);

-- move the new relation into place
alter view analytics.marts.orders__dbt_tmp rename to analytics.marts.orders;
