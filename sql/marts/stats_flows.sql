-- One row per flow cell (dimension, value) of employed graduates (单位就业/自主创业 units).
with

registrations as (select * from stg_registrations),

regions as (select * from ref_regions),

industries as (select * from ref_industries),

natures as (select * from ref_unit_natures),

employed as (
    select
        coalesce(province.name, '（未识别）') as unit_province,
        case
            when registrations.unit_province_code is null then '（未识别）'
            when registrations.unit_province_code = registrations.origin_province_code
                then '回生源地省份'
            else '生源地以外省份'
        end as origin_relation,
        coalesce(industry.name, '（未识别）') as industry_section,
        coalesce(nature.report_group, '（未识别）') as nature_group
    from registrations
    left join regions as province
        on province.code = registrations.unit_province_code and province.level = 'province'
    left join industries as industry
        on industry.code = registrations.industry_section and industry.level = 'section'
    left join natures as nature on nature.code = registrations.unit_nature_code
    where registrations.is_placed and left(registrations.national_code, 2) not in ('80', '85')
),

cells as (
    select
        case
            when grouping(employed.unit_province) = 0 then '就业地区'
            when grouping(employed.origin_relation) = 0 then '与生源地关系'
            when grouping(employed.industry_section) = 0 then '行业门类'
            else '单位性质'
        end as dimension,
        coalesce(
            employed.unit_province, employed.origin_relation, employed.industry_section,
            employed.nature_group
        ) as dimension_value,
        count(*) as count_graduates
    from employed
    group by grouping sets (
        (employed.unit_province), (employed.origin_relation), (employed.industry_section),
        (employed.nature_group)
    )
)

select * from cells
order by cells.dimension, cells.count_graduates desc, cells.dimension_value
