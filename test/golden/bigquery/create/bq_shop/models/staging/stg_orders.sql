-- create the view
create or replace view `tx-test-project`.`shop`.`stg_orders`
options(labels=[('layer', 'staging')])
as (
select
    order_id,
    customer_id,
    order_ts,
    date(order_ts) as order_date,
    amount,
    status
from `tx-test-project`.`shop_raw`.`orders`
);
