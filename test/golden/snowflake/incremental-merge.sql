-- transactional: false
-- build the new rows in a temporary table
create or replace temporary table analytics.marts.orders__dbt_tmp as (
select id, status, amount, updated_at from analytics.staging.stg_orders
where updated_at > (select max(updated_at) from analytics.marts.orders)
);

-- insert the new rows (default strategy) [in a transaction of its own]
merge into analytics.marts.orders as DBT_INTERNAL_DEST
    using analytics.marts.orders__dbt_tmp as DBT_INTERNAL_SOURCE
    on ((DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id))
when matched then update set
    "ID" = DBT_INTERNAL_SOURCE."ID", "STATUS" = DBT_INTERNAL_SOURCE."STATUS", "AMOUNT" = DBT_INTERNAL_SOURCE."AMOUNT", "UPDATED_AT" = DBT_INTERNAL_SOURCE."UPDATED_AT"
when not matched then insert
    ("ID", "STATUS", "AMOUNT", "UPDATED_AT")
values
    ("ID", "STATUS", "AMOUNT", "UPDATED_AT");

-- drop the temporary table
drop table if exists analytics.marts.orders__dbt_tmp cascade;
