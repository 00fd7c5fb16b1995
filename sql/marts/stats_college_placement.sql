-- One row per (学院, dimension, value) for the college packages: graduates, placed and
-- 毕业去向落实率 within the college, by 专业, 学历层次, 性别 and 生源地 province.
with

outcomes as (select * from graduate_outcomes),

cells as (
    select
        outcomes.college,
        case
            when grouping(outcomes.major) = 0 then '专业'
            when grouping(outcomes.degree_level) = 0 then '学历层次'
            when grouping(outcomes.gender) = 0 then '性别'
            when grouping(outcomes.origin_province) = 0 then '生源地'
            else '合计'
        end as dimension,
        coalesce(
            outcomes.major, outcomes.degree_level, outcomes.gender, outcomes.origin_province,
            '合计'
        ) as dimension_value,
        count(*) as count_graduates,
        count(*) filter (where outcomes.is_placed) as count_placed,
        count(*) filter (where outcomes.is_placed) / count(*) as placement_rate
    from outcomes
    group by grouping sets (
        (outcomes.college), (outcomes.college, outcomes.major),
        (outcomes.college, outcomes.degree_level), (outcomes.college, outcomes.gender),
        (outcomes.college, outcomes.origin_province)
    )
)

select * from cells
order by cells.college, cells.dimension, cells.dimension_value
