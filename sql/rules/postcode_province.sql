-- A unit's 邮编 whose first two digits belong to another province than its 所在地区.
-- One row per registration with a well-formed postcode.
with

registrations as (select * from stg_registrations),

prefixes as (select * from ref_postcode_prefixes),

regions as (select * from ref_regions),

mismatched as (
    select
        registrations.student_id,
        'unit_postcode' as field,
        'postcode.province_mismatch' as rule_id,
        registrations.unit_postcode as value,
        regions.name as other,
        string_agg(prefixes.postcode_prefix, '、' order by prefixes.postcode_prefix)
            as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    inner join prefixes on prefixes.province_code = registrations.unit_province_code
    inner join regions on regions.code = registrations.unit_province_code
    where regexp_full_match(registrations.unit_postcode, '[0-9]{6}')
    group by all
    having bool_and(left(registrations.unit_postcode, 2) != prefixes.postcode_prefix)
)

select * from mismatched
