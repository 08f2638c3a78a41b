-- Singular test: no day may have negative revenue.
select * from {{ ref('daily_revenue') }} where revenue < 0
