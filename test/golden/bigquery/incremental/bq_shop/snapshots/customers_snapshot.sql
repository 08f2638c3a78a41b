-- stage the changed rows in a temporary table
create or replace temp table `customers_snapshot__dbt_tmp`
as (

    
    with snapshot_query as (

        select customer_id, name, country, vip from `tx-test-project`.`shop`.`stg_customers`

    ),

    snapshotted_data as (

        select *, customer_id as dbt_unique_key
        from `tx-test-project`.`shop_snapshots`.`customers_snapshot`
        where
            
                dbt_valid_to is null
            

    ),

    insertions_source_data as (

        select *, customer_id as dbt_unique_key,
            current_timestamp() as dbt_updated_at,
            current_timestamp() as dbt_valid_from,
            coalesce(nullif(current_timestamp(), current_timestamp()), null)
  as dbt_valid_to,
            to_hex(md5(concat(coalesce(cast(customer_id as string), ''), '|',coalesce(cast(current_timestamp() as string), '')))) as dbt_scd_id

        from snapshot_query
    ),

    updates_source_data as (

        select *, customer_id as dbt_unique_key,
            current_timestamp() as dbt_updated_at,
            current_timestamp() as dbt_valid_from,
            current_timestamp() as dbt_valid_to

        from snapshot_query
    ),

    insertions as (

        select
            'insert' as dbt_change_type,
            source_data.*

        from insertions_source_data as source_data
        left outer join snapshotted_data
            on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
            where snapshotted_data.dbt_unique_key is null
            or (snapshotted_data.dbt_unique_key is not null and (
               (snapshotted_data.`country` != source_data.`country`
        or
        (
            ((snapshotted_data.`country` is null) and not (source_data.`country` is null))
            or
            ((not snapshotted_data.`country` is null) and (source_data.`country` is null))
        ) or snapshotted_data.`vip` != source_data.`vip`
        or
        (
            ((snapshotted_data.`vip` is null) and not (source_data.`vip` is null))
            or
            ((not snapshotted_data.`vip` is null) and (source_data.`vip` is null))
        ))
            )

        )

    ),

    updates as (

        select
            'update' as dbt_change_type,
            source_data.*,
            snapshotted_data.dbt_scd_id

        from updates_source_data as source_data
        join snapshotted_data
            on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
        where (
            (snapshotted_data.`country` != source_data.`country`
        or
        (
            ((snapshotted_data.`country` is null) and not (source_data.`country` is null))
            or
            ((not snapshotted_data.`country` is null) and (source_data.`country` is null))
        ) or snapshotted_data.`vip` != source_data.`vip`
        or
        (
            ((snapshotted_data.`vip` is null) and not (source_data.`vip` is null))
            or
            ((not snapshotted_data.`vip` is null) and (source_data.`vip` is null))
        ))
        )
    )

    select * from insertions
    union all
    select * from updates
);

-- close changed rows and insert new versions
merge into `tx-test-project`.`shop_snapshots`.`customers_snapshot` as DBT_INTERNAL_DEST
    using `customers_snapshot__dbt_tmp` as DBT_INTERNAL_SOURCE
    on DBT_INTERNAL_SOURCE.dbt_scd_id = DBT_INTERNAL_DEST.dbt_scd_id

    when matched
     
       and DBT_INTERNAL_DEST.dbt_valid_to is null
     
     and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
        then update
        set dbt_valid_to = DBT_INTERNAL_SOURCE.dbt_valid_to

    when not matched
     and DBT_INTERNAL_SOURCE.dbt_change_type = 'insert'
        then insert (`customer_id`, `name`, `country`, `vip`, `dbt_updated_at`, `dbt_valid_from`, `dbt_valid_to`, `dbt_scd_id`)
        values (`customer_id`, `name`, `country`, `vip`, `dbt_updated_at`, `dbt_valid_from`, `dbt_valid_to`, `dbt_scd_id`);

-- drop the staging table
drop table if exists `customers_snapshot__dbt_tmp`;
