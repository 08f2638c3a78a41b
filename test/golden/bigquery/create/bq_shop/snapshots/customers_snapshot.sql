-- build the snapshot table
create or replace table `tx-test-project`.`shop_snapshots`.`customers_snapshot`
as (


    select *,
        to_hex(md5(concat(coalesce(cast(customer_id as string), ''), '|',coalesce(cast(current_timestamp() as string), '')))) as dbt_scd_id,
        current_timestamp() as dbt_updated_at,
        current_timestamp() as dbt_valid_from,
        coalesce(nullif(current_timestamp(), current_timestamp()), null)
  as dbt_valid_to
    from (
        select customer_id, name, country, vip from `tx-test-project`.`shop`.`stg_customers`
    ) sbq
);
