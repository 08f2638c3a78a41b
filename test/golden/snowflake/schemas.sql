-- transactional: false
-- create schema marts
create schema if not exists analytics.marts;

-- create schema marts_gold
create schema if not exists analytics.marts_gold;
