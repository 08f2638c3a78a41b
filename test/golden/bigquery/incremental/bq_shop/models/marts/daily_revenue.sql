-- build the new rows in a temporary table
declare _dbt_max_partition date default (
  select max(order_date) from `tx-test-project`.`shop`.`daily_revenue`
  where order_date is not null
);
create or replace temp table `daily_revenue__dbt_tmp`
as (

-- static_analysis off: tx's analyser reads the script variable _dbt_max_partition as a column.
-- Dynamic partitions: every day the new rows touch is replaced whole.
select order_date, count(*) as orders, sum(amount) as revenue
from `tx-test-project`.`shop`.`stg_orders`
where status = 'paid'

  and order_date >= date_sub(date(_dbt_max_partition), interval 1 day)

group by order_date
);

-- insert the new rows (insert_overwrite strategy)
-- generated script to merge partitions into `tx-test-project`.`shop`.`daily_revenue`
declare dbt_partitions_for_replacement array<date>;

-- 1. the partitions the new rows fall in
set (dbt_partitions_for_replacement) = (
    select as struct
        -- IGNORE NULLS: aligned with _dbt_max_partition, which ignores null
        array_agg(distinct date(order_date) IGNORE NULLS)
    from `daily_revenue__dbt_tmp`
);

-- 2. replace them

merge into `tx-test-project`.`shop`.`daily_revenue` as DBT_INTERNAL_DEST
    using (select * from `daily_revenue__dbt_tmp`) as DBT_INTERNAL_SOURCE
    on FALSE
when not matched by source
     and date(DBT_INTERNAL_DEST.order_date) in unnest(dbt_partitions_for_replacement) 
    then delete
when not matched then insert
    (`order_date`, `orders`, `revenue`)
values
    (`order_date`, `orders`, `revenue`);

-- drop the temporary table
drop table if exists `daily_revenue__dbt_tmp`;
