-- build the table
create or replace table `tx-test-project`.`shop`.`daily_revenue`
partition by order_date
options(labels=[('layer', 'marts'), ('team', 'data')])
as (

-- static_analysis off: tx's analyser reads the script variable _dbt_max_partition as a column.
-- Dynamic partitions: every day the new rows touch is replaced whole.
select order_date, count(*) as orders, sum(amount) as revenue
from `tx-test-project`.`shop`.`stg_orders`
where status = 'paid'

group by order_date
);
