-- 托管 is only for a student from outside the school's province whose unit is also outside it.
-- One row per registration asking for custody without qualifying.
with

registrations as (select * from stg_registrations),

settings as (select * from run_settings),

not_allowed as (
    select
        registrations.student_id,
        'custody' as field,
        'custody.not_allowed' as rule_id,
        registrations.custody as value,
        case
            when registrations.origin_province_code = settings.school_province
                then '生源地在本市'
            else '单位在本市'
        end as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    cross join settings
    where
        upper(registrations.custody) in ('是', 'Y', 'YES', '1', '托管', '需要托管')
        and (
            registrations.origin_province_code = settings.school_province
            or registrations.unit_province_code = settings.school_province
        )
)

select * from not_allowed
