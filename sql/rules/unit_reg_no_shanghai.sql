-- A unit in the school's own province registered under 派遣 without its 单位信息登记号.
-- Without the number the platform cannot issue the dispatch: such a student belongs under
-- 合同就业. One row per registration.
with

registrations as (select * from stg_registrations),

settings as (select * from run_settings),

missing_number as (
    select
        registrations.student_id,
        'unit_reg_no' as field,
        'unit_reg_no.required_local' as rule_id,
        '' as value,
        registrations.destination as other,
        registrations.unit_name as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    cross join settings
    where
        registrations.destination like '派遣%'
        and registrations.unit_province_code = settings.school_province
        and registrations.unit_reg_no is null
)

select * from missing_number
