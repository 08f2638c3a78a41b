-- transactional: true
-- create a staging table for the raw text
create temporary table "ORDERS__DBT_SEED" ("C0" varchar, "C1" varchar, "C2" varchar, "C3" varchar);

-- copy the seed file into the staging table
-- stream <repo>/test/fixtures/projects/basic/seeds/orders.csv into "ORDERS__DBT_SEED" (COPY, or batched inserts);

-- create and load the seed table
create or replace transient table analytics.marts.orders__dbt_tmp as (
select
  CAST(NULLIF("C0", '') AS NUMBER(38,0)) AS order_id,
  CAST(NULLIF("C1", '') AS NUMBER(38,0)) AS customer_id,
  CAST(NULLIF("C2", '') AS NUMBER(38,0)) AS amount_cents,
  NULLIF("C3", '') AS status
from "ORDERS__DBT_SEED"
);

-- drop the staging table
drop table "ORDERS__DBT_SEED";

-- move the new relation into place
alter table analytics.marts.orders__dbt_tmp rename to analytics.marts.orders;
