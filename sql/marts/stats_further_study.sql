-- One row per 升学 cell (dimension, value): admitting school of 境内升学, country or region
-- and institution of 境外留学; counts of placed graduates and their share of all 升学.
with

outcomes as (select * from graduate_outcomes),

studying as (
    select
        outcomes.is_abroad,
        case when not outcomes.is_abroad then coalesce(outcomes.unit_name, '（未填）') end
            as domestic_school,
        case when outcomes.is_abroad then coalesce(outcomes.abroad_country, '（未填）') end
            as abroad_country,
        case when outcomes.is_abroad then coalesce(outcomes.unit_name, '（未填）') end
            as abroad_school
    from outcomes
    where outcomes.is_further_study
),

cells as (
    select
        case
            when grouping(studying.domestic_school) = 0 then '境内升学院校'
            when grouping(studying.abroad_country) = 0 then '境外留学国家/地区'
            else '境外留学院校'
        end as dimension,
        coalesce(
            studying.domestic_school, studying.abroad_country, studying.abroad_school
        ) as dimension_value,
        count(*) as count_graduates,
        count(*) / (select count(*) from studying) as share
    from studying
    group by grouping sets (
        (studying.domestic_school), (studying.abroad_country), (studying.abroad_school)
    )
),

listed as (
    select * from cells
    where cells.dimension_value is not null
)

select * from listed
order by listed.dimension, listed.count_graduates desc, listed.dimension_value
