{{ config(materialized='table', enabled=var('run_slow')) }}
select * from {{ ref('slow') }}
