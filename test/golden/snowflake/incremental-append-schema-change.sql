-- transactional: true
-- build the new rows in a temporary table
create or replace temporary table analytics.marts.orders__dbt_tmp as (
select id, status, amount, updated_at from analytics.staging.stg_orders
where updated_at > (select max(updated_at) from analytics.marts.orders)
);

-- on_schema_change append_new_columns: add/remove columns
alter table analytics.marts.orders add column "NOTE" VARCHAR(16777216);

-- insert the new rows (append strategy)
insert into analytics.marts.orders ("ID", "STATUS", "AMOUNT", "UPDATED_AT", "NOTE")
(
    select "ID", "STATUS", "AMOUNT", "UPDATED_AT", "NOTE"
    from analytics.marts.orders__dbt_tmp
);

-- drop the temporary table
drop table if exists analytics.marts.orders__dbt_tmp cascade;
