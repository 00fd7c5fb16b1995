-- One row per breakdown cell (全校, 学历层次, 学院) of the monthly salary that employed
-- graduates registered: how many gave one, quartiles, median and mean, in yuan per month.
with

outcomes as (select * from graduate_outcomes),

paid as (
    select
        outcomes.degree_level,
        outcomes.college,
        outcomes.salary_yuan_month
    from outcomes
    where outcomes.is_employed and outcomes.salary_yuan_month > 0
),

cells as (
    select
        case
            when grouping(paid.degree_level) = 0 then '学历层次'
            when grouping(paid.college) = 0 then '学院'
            else '全校'
        end as dimension,
        coalesce(paid.degree_level, paid.college, '合计') as dimension_value,
        count(*) as count_reported,
        quantile_cont(paid.salary_yuan_month, 0.25) as salary_p25,
        median(paid.salary_yuan_month) as salary_median,
        quantile_cont(paid.salary_yuan_month, 0.75) as salary_p75,
        avg(paid.salary_yuan_month) as salary_mean
    from paid
    group by grouping sets ((), (paid.degree_level), (paid.college))
)

select * from cells
order by cells.dimension != '全校', cells.dimension, cells.dimension_value
