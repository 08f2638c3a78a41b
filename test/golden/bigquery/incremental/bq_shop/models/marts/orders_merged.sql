-- build the new rows in a temporary table
create or replace temp table `orders_merged__dbt_tmp`
as (

select order_id, customer_id, order_date, amount, status
from `tx-test-project`.`shop`.`stg_orders`

where order_date >= (select max(order_date) from `tx-test-project`.`shop`.`orders_merged`)

);

-- insert the new rows (default strategy)
merge into `tx-test-project`.`shop`.`orders_merged` as DBT_INTERNAL_DEST
    using `orders_merged__dbt_tmp` as DBT_INTERNAL_SOURCE
    on ((DBT_INTERNAL_SOURCE.order_id = DBT_INTERNAL_DEST.order_id))
when matched then update set
    `order_id` = DBT_INTERNAL_SOURCE.`order_id`, `customer_id` = DBT_INTERNAL_SOURCE.`customer_id`, `order_date` = DBT_INTERNAL_SOURCE.`order_date`, `amount` = DBT_INTERNAL_SOURCE.`amount`, `status` = DBT_INTERNAL_SOURCE.`status`
when not matched then insert
    (`order_id`, `customer_id`, `order_date`, `amount`, `status`)
values
    (`order_id`, `customer_id`, `order_date`, `amount`, `status`);

-- drop the temporary table
drop table if exists `orders_merged__dbt_tmp`;
