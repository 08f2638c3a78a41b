-- transactional: true
-- empty the seed table
truncate table if exists analytics.marts.orders;

-- create a staging table for the raw text
create temporary table "ORDERS__DBT_SEED" ("C0" varchar, "C1" varchar, "C2" varchar, "C3" varchar);

-- copy the seed file into the staging table
-- stream <repo>/test/fixtures/projects/basic/seeds/orders.csv into "ORDERS__DBT_SEED" (COPY, or batched inserts);

-- load the seed rows
insert into analytics.marts.orders (order_id, customer_id, amount_cents, status)
select
  CASE WHEN trim("C0") IN ('', 'null', 'nulL', 'nuLl', 'nuLL', 'nUll', 'nUlL', 'nULl', 'nULL', 'Null', 'NulL', 'NuLl', 'NuLL', 'NUll', 'NUlL', 'NULl', 'NULL') THEN NULL ELSE CAST(replace(trim("C0"), ',', '') AS NUMBER(38,0)) END AS order_id,
  CASE WHEN trim("C1") IN ('', 'null', 'nulL', 'nuLl', 'nuLL', 'nUll', 'nUlL', 'nULl', 'nULL', 'Null', 'NulL', 'NuLl', 'NuLL', 'NUll', 'NUlL', 'NULl', 'NULL') THEN NULL ELSE CAST(replace(trim("C1"), ',', '') AS NUMBER(38,0)) END AS customer_id,
  CASE WHEN trim("C2") IN ('', 'null', 'nulL', 'nuLl', 'nuLL', 'nUll', 'nUlL', 'nULl', 'nULL', 'Null', 'NulL', 'NuLl', 'NuLL', 'NUll', 'NUlL', 'NULl', 'NULL') THEN NULL ELSE CAST(replace(trim("C2"), ',', '') AS NUMBER(38,0)) END AS amount_cents,
  CASE WHEN trim("C3") IN ('', 'null', 'nulL', 'nuLl', 'nuLL', 'nUll', 'nUlL', 'nULl', 'nULL', 'Null', 'NulL', 'NuLl', 'NuLL', 'NUll', 'NUlL', 'NULl', 'NULL') THEN NULL ELSE "C3" END AS status
from "ORDERS__DBT_SEED";

-- drop the staging table
drop table "ORDERS__DBT_SEED";
