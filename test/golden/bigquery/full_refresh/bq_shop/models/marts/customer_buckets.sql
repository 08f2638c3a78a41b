-- build the table
create or replace table `tx-test-project`.`shop`.`customer_buckets`
partition by range_bucket(customer_id, generate_array(0, 100, 10))
options(expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 48 hour), labels=[('layer', 'marts'), ('team', 'data')])
as (

select customer_id, count(*) as orders
from `tx-test-project`.`shop`.`stg_orders`
group by customer_id
);
