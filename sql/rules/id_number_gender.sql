-- 性别 that contradicts the 身份证号: the 17th digit is odd for men and even for women.
-- One row per registration with a well-formed 18-character number.
with

registrations as (select * from stg_registrations),

mismatched as (
    select
        registrations.student_id,
        'gender' as field,
        'gender.id_number_mismatch' as rule_id,
        registrations.gender as value,
        '' as other,
        case when cast(substr(registrations.id_number, 17, 1) as integer) % 2 = 1
            then '男' else '女'
        end as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        regexp_full_match(registrations.id_number, '[0-9]{17}[0-9X]')
        and registrations.gender in ('男', '女')
        and registrations.gender != case
            when cast(substr(registrations.id_number, 17, 1) as integer) % 2 = 1
                then '男' else '女'
        end
)

select * from mismatched
