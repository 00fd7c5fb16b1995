-- One row per flow cell (scope, dimension, value) of graduates placed in work (not 升学):
-- where their units are, in which industry 门类 and unit nature group, in which 职位类别;
-- for the whole school (scope 全校) and for each college (scope = 学院).
with

outcomes as (select * from graduate_outcomes),

settings as (select * from run_settings),

regions as (select * from ref_regions),

economic_regions as (select * from ref_economic_regions),

industries as (select * from ref_industries),

natures as (select * from ref_unit_natures),

employed as (
    select
        outcomes.college,
        coalesce(province.name, '（未识别）') as unit_province,
        case
            when outcomes.unit_province_code is null then '（未识别）'
            when outcomes.unit_province_code = settings.school_province then '本省'
            else '外省'
        end as home_relation,
        case
            when outcomes.unit_province_code is null then '（未识别）'
            when outcomes.unit_province_code = outcomes.origin_province_code
                then '回生源地省份'
            else '生源地以外省份'
        end as origin_relation,
        coalesce(economic.economic_region, '（未识别）') as economic_region,
        economic.strategic_region,
        coalesce(industry.name, '（未识别）') as industry_section,
        coalesce(nature.report_group, '（未识别）') as nature_group,
        outcomes.job_category
    from outcomes
    cross join settings
    left join regions as province
        on province.code = outcomes.unit_province_code and province.level = 'province'
    left join economic_regions as economic
        on economic.province_code = outcomes.unit_province_code
    left join industries as industry
        on industry.code = outcomes.industry_section and industry.level = 'section'
    left join natures as nature on nature.code = outcomes.unit_nature_code
    where outcomes.is_employed
),

cells as (
    select
        coalesce(employed.college, '全校') as scope,
        case
            when grouping(employed.unit_province) = 0 then '就业省份'
            when grouping(employed.home_relation) = 0 then '本省/外省'
            when grouping(employed.origin_relation) = 0 then '与生源地关系'
            when grouping(employed.economic_region) = 0 then '经济区域'
            when grouping(employed.strategic_region) = 0 then '重点区域'
            when grouping(employed.industry_section) = 0 then '行业门类'
            when grouping(employed.nature_group) = 0 then '单位性质'
            else '职位类别'
        end as dimension,
        coalesce(
            employed.unit_province, employed.home_relation, employed.origin_relation,
            employed.economic_region, employed.strategic_region, employed.industry_section,
            employed.nature_group, employed.job_category
        ) as dimension_value,
        count(*) as count_graduates
    from employed
    group by grouping sets (
        (employed.unit_province), (employed.home_relation), (employed.origin_relation),
        (employed.economic_region), (employed.strategic_region), (employed.industry_section),
        (employed.nature_group), (employed.job_category),
        (employed.college, employed.unit_province), (employed.college, employed.home_relation),
        (employed.college, employed.origin_relation),
        (employed.college, employed.economic_region),
        (employed.college, employed.strategic_region),
        (employed.college, employed.industry_section),
        (employed.college, employed.nature_group), (employed.college, employed.job_category)
    )
),

scope_sizes as (
    select
        coalesce(employed.college, '全校') as scope,
        count(*) as count_employed
    from employed
    group by grouping sets ((), (employed.college))
),

-- a region or 职位类别 left blank is no cell of its own: 重点区域 covers three areas only,
-- and 职位类别 is in national exports but not in every school platform's
shared as (
    select
        cells.*,
        cells.count_graduates / scope_sizes.count_employed as share
    from cells
    inner join scope_sizes on scope_sizes.scope = cells.scope
    where cells.dimension_value is not null
),

dimension_order as (
    select * from (
        values
        ('就业省份', 1), ('本省/外省', 2), ('与生源地关系', 3), ('经济区域', 4),
        ('重点区域', 5), ('行业门类', 6), ('单位性质', 7), ('职位类别', 8)
    ) as listed (dimension, position)
),

ordered as (
    select
        shared.*,
        dimension_order.position
    from shared
    inner join dimension_order on dimension_order.dimension = shared.dimension
)

select * from ordered
order by
    ordered.scope != '全校', ordered.scope, ordered.position, ordered.count_graduates desc,
    ordered.dimension_value
