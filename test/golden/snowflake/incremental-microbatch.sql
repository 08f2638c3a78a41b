-- transactional: false
-- build the new rows in a temporary table
create or replace temporary table analytics.marts.orders__dbt_tmp as (
select id, status, amount, updated_at from analytics.staging.stg_orders
where updated_at > (select max(updated_at) from analytics.marts.orders)
);

-- insert the new rows (microbatch strategy) [in a transaction of its own]
delete from analytics.marts.orders
where updated_at >= to_timestamp_tz('2024-01-01 00:00:00+00:00')
    and updated_at < to_timestamp_tz('2024-01-02 00:00:00+00:00');
insert into analytics.marts.orders ("ID", "STATUS", "AMOUNT", "UPDATED_AT")
select "ID", "STATUS", "AMOUNT", "UPDATED_AT"
from analytics.marts.orders__dbt_tmp
where updated_at >= to_timestamp_tz('2024-01-01 00:00:00+00:00')
    and updated_at < to_timestamp_tz('2024-01-02 00:00:00+00:00');

-- drop the temporary table
drop table if exists analytics.marts.orders__dbt_tmp cascade;
