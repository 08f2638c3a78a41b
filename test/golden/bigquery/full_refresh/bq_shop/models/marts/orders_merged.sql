-- build the table
create or replace table `tx-test-project`.`shop`.`orders_merged`
options(labels=[('layer', 'marts'), ('team', 'data')])
as (

select order_id, customer_id, order_date, amount, status
from `tx-test-project`.`shop`.`stg_orders`

);
