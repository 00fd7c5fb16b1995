-- One row per (学院, dimension, value) for the college packages: graduates, placed and
-- 毕业去向落实率 within the college, by 专业, 学历层次, 性别 and 生源地 province.
with

outcomes as (select * from graduate_outcomes),

regions as (select * from ref_regions),

labelled as (
    select
        outcomes.*,
        coalesce(regions.name, outcomes.origin_province_code) as origin_province
    from outcomes
    left join regions
        on regions.code = outcomes.origin_province_code and regions.level = 'province'
),

cells as (
    select
        labelled.college,
        case
            when grouping(labelled.major) = 0 then '专业'
            when grouping(labelled.degree_level) = 0 then '学历层次'
            when grouping(labelled.gender) = 0 then '性别'
            when grouping(labelled.origin_province) = 0 then '生源地'
            else '合计'
        end as dimension,
        coalesce(
            labelled.major, labelled.degree_level, labelled.gender, labelled.origin_province,
            '合计'
        ) as dimension_value,
        count(*) as count_graduates,
        count(*) filter (where labelled.is_placed) as count_placed,
        count(*) filter (where labelled.is_placed) / count(*) as placement_rate
    from labelled
    group by grouping sets (
        (labelled.college), (labelled.college, labelled.major),
        (labelled.college, labelled.degree_level), (labelled.college, labelled.gender),
        (labelled.college, labelled.origin_province)
    )
)

select * from cells
order by cells.college, cells.dimension, cells.dimension_value
