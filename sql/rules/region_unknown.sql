-- 所在地区 and 生源地 that name no region of the GB/T 2260 table.
-- 境外 is the form's value for units abroad. One row per registration and field.
with

registrations as (select * from stg_registrations),

unit_regions as (
    select
        registrations.student_id,
        'unit_region' as field,
        'region.unknown' as rule_id,
        registrations.unit_region as value,
        '' as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        registrations.unit_region is not null
        and registrations.unit_region_code is null
        and registrations.unit_region != '境外'
),

origins as (
    select
        registrations.student_id,
        'origin' as field,
        'region.unknown' as rule_id,
        registrations.origin as value,
        '' as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        registrations.origin is not null
        and registrations.origin_region_code is null
),

unknown_regions as (
    select * from unit_regions
    union all
    select * from origins
)

select * from unknown_regions
