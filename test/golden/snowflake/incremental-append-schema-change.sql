-- transactional: false
-- build the new rows in a temporary table
create or replace temporary table analytics.marts.orders__dbt_tmp as (
select id, status, amount, updated_at from analytics.staging.stg_orders
where updated_at > (select max(updated_at) from analytics.marts.orders)
);

-- copy the table to a staged copy
create or replace transient table analytics.marts.orders__dbt_staged clone analytics.marts.orders copy grants;

-- on_schema_change append_new_columns: add/remove columns
alter table analytics.marts.orders__dbt_staged add column "NOTE" VARCHAR(16777216);

-- insert the new rows (append strategy) [in a transaction of its own]
insert into analytics.marts.orders__dbt_staged ("ID", "STATUS", "AMOUNT", "UPDATED_AT", "NOTE")
(
    select "ID", "STATUS", "AMOUNT", "UPDATED_AT", "NOTE"
    from analytics.marts.orders__dbt_tmp
);

-- put the staged copy in place of the table
alter table analytics.marts.orders swap with analytics.marts.orders__dbt_staged;

-- drop the staged copy (now the previous table)
drop table if exists analytics.marts.orders__dbt_staged cascade;

-- drop the temporary table
drop table if exists analytics.marts.orders__dbt_tmp cascade;
