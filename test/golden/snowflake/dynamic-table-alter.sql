-- transactional: false
-- alter the dynamic table (target_lag and snowflake_warehouse changed)
alter dynamic table analytics.marts.orders set
    target_lag = '5 minutes'
    warehouse = big_wh;
