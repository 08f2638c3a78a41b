select
    count(*) as failures,
    count(*) != 0 as should_warn,
    count(*) != 0 as should_error
from (
    -- Singular test: no day may have negative revenue.
select * from `tx-test-project`.`shop`.`daily_revenue` where revenue < 0
    
) dbt_internal_test
