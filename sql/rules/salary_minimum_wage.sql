-- 其他录用形式就业 (12), 科研助理 (27/271) and 自由职业 (76) count as placed only when the pay
-- reaches the local monthly minimum wage. Compared with the unit's province (the student's
-- origin when no unit region is given). One row per registration below the floor.
with

registrations as (select * from stg_registrations),

minimum_wages as (select * from ref_minimum_wages),

below_floor as (
    select
        registrations.student_id,
        'salary' as field,
        'salary.below_minimum_wage' as rule_id,
        registrations.salary as value,
        minimum_wages.province as other,
        minimum_wages.monthly_yuan as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    inner join minimum_wages
        on minimum_wages.province_code
        = coalesce(registrations.unit_province_code, registrations.origin_province_code)
    where
        registrations.national_code in ('12', '27', '271', '76')
        and registrations.salary_yuan_month < cast(minimum_wages.monthly_yuan as double)
)

select * from below_floor
