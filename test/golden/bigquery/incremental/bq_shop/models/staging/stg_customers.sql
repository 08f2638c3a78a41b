-- drop the existing view
drop view if exists `tx-test-project`.`shop`.`stg_customers`;

-- create the view
create or replace view `tx-test-project`.`shop`.`stg_customers`
options(labels=[('layer', 'staging')])
as (
select
    customer_id,
    name,
    country,
    signup_date,
    coalesce(vip, false) as vip
from `tx-test-project`.`shop_raw`.`customers`
);
