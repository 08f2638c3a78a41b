-- transactional: false
-- create the dynamic table
create dynamic table analytics.marts.orders
    target_lag = '15 minutes'
    warehouse = dt_wh
    as (
select id, status, amount, updated_at from analytics.staging.stg_orders
    );
