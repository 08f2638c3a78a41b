-- transactional: true
-- build the table
create or replace transient table analytics.marts.orders as (
select id, status, amount, updated_at from analytics.staging.stg_orders
);
