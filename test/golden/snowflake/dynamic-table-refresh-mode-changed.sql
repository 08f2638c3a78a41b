-- transactional: false
-- replace the dynamic table (refresh_mode changed)
create or replace dynamic table analytics.marts.orders
    target_lag = '15 minutes'
    warehouse = dt_wh
    refresh_mode = FULL
    as (
select id, status, amount, updated_at from analytics.staging.stg_orders
    );
