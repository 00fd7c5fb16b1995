-- One row per breakdown cell (dimension, value): graduates, placed, 毕业去向落实率.
with

outcomes as (select * from graduate_outcomes),

cells as (
    select
        case
            when grouping(outcomes.college) = 0 then '学院'
            when grouping(outcomes.degree_level) = 0 then '学历层次'
            when grouping(outcomes.major) = 0 then '专业'
            when grouping(outcomes.gender) = 0 then '性别'
            when grouping(outcomes.origin_province) = 0 then '生源地'
            else '全校'
        end as dimension,
        coalesce(
            outcomes.college, outcomes.degree_level, outcomes.major, outcomes.gender,
            outcomes.origin_province, '合计'
        ) as dimension_value,
        count(*) as count_graduates,
        count(*) filter (where outcomes.is_placed) as count_placed,
        count(*) filter (where outcomes.is_placed) / count(*) as placement_rate
    from outcomes
    group by grouping sets (
        (), (outcomes.college), (outcomes.degree_level), (outcomes.major), (outcomes.gender),
        (outcomes.origin_province)
    )
)

select * from cells
order by cells.dimension, cells.placement_rate desc, cells.dimension_value
