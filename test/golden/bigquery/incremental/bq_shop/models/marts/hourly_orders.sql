-- build the new rows in a temporary table
create or replace temp table `hourly_orders__dbt_tmp`
as (

-- static_analysis off: tx's analyser reads the date part `hour` of timestamp_trunc as a column.
-- Static partitions: only the listed hours are replaced.
select timestamp_trunc(order_ts, hour) as order_hour, count(*) as orders
from `tx-test-project`.`shop`.`stg_orders`

where timestamp_trunc(order_ts, hour) in (timestamp('2024-01-03 10:00:00'), timestamp('2024-01-03 23:00:00'))

group by 1
);

-- insert the new rows (insert_overwrite strategy)
-- insert_overwrite (static partitions), copy_partitions as MERGE

merge into `tx-test-project`.`shop`.`hourly_orders` as DBT_INTERNAL_DEST
    using (select * from `hourly_orders__dbt_tmp`) as DBT_INTERNAL_SOURCE
    on FALSE
when not matched by source
     and timestamp_trunc(DBT_INTERNAL_DEST.order_hour, hour) in (timestamp('2024-01-03 10:00:00'), timestamp('2024-01-03 23:00:00')) 
    then delete
when not matched then insert
    (`order_hour`, `orders`)
values
    (`order_hour`, `orders`);

-- drop the temporary table
drop table if exists `hourly_orders__dbt_tmp`;
