-- A credit code registered in another province than the unit's 所在地区. Branches and units
-- registered where their head office is may do so legitimately, hence only a warning; codes
-- of central bodies (region segment 100000) are left alone.
with

registrations as (select * from stg_registrations),

regions as (select * from ref_regions),

segmented as (
    select
        registrations.*,
        substr(registrations.credit_code, 3, 2) as code_province_code
    from registrations
    where
        length(registrations.credit_code) = 18
        and regexp_full_match(substr(registrations.credit_code, 3, 6), '[0-9]{6}')
        and substr(registrations.credit_code, 3, 6) != '100000'
        and registrations.unit_province_code is not null
),

mismatched as (
    select
        segmented.student_id,
        'credit_code' as field,
        'credit_code.region_mismatch' as rule_id,
        segmented.credit_code as value,
        coalesce(code_province.name, segmented.code_province_code) as other,
        coalesce(unit_province.name, segmented.unit_region) as expected,
        segmented.source_file,
        segmented.source_sheet,
        segmented.source_row
    from segmented
    left join regions as code_province
        on code_province.code = segmented.code_province_code
    left join regions as unit_province
        on unit_province.code = segmented.unit_province_code
    where segmented.code_province_code != segmented.unit_province_code
)

select * from mismatched
