-- build the table
create or replace table `tx-test-project`.`shop`.`hourly_orders`
partition by timestamp_trunc(order_hour, hour)
options(labels=[('layer', 'marts'), ('team', 'data')])
as (

-- static_analysis off: tx's analyser reads the date part `hour` of timestamp_trunc as a column.
-- Static partitions: only the listed hours are replaced.
select timestamp_trunc(order_ts, hour) as order_hour, count(*) as orders
from `tx-test-project`.`shop`.`stg_orders`

group by 1
);
