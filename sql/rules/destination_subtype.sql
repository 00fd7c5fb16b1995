-- 国家地方项目 must name its project and 创业 its kind in 二级去向.
-- One row per registration.
with

registrations as (select * from stg_registrations),

needs_subtype as (
    select
        registrations.student_id,
        'sub_destination' as field,
        'sub_destination.missing' as rule_id,
        '' as value,
        registrations.destination as other,
        case registrations.destination
            when '国家地方项目' then '三支一扶、西部计划、选调生等项目名称'
            else '创立公司、个体工商户、电子商务创业等创业类型'
        end as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        registrations.destination in ('国家地方项目', '创业')
        and registrations.sub_destination is null
)

select * from needs_subtype
