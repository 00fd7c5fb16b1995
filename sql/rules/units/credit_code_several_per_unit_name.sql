-- One unit name under several credit codes, tonight or in the unit master. Codes are
-- compared by their 组织机构代码 (positions 9-17) so that a legacy 9-character code and the
-- credit code it became count as one.
with

registrations as (select * from stg_registrations),

master as (select * from unit_master),

registered_codes as (
    select
        registrations.*,
        unit_name_clean(registrations.unit_name) as name_clean,
        -- legacy organisation codes are often written 12345678-9
        case
            when length(registrations.credit_code) = 18
                then substr(registrations.credit_code, 9, 9)
            else replace(registrations.credit_code, '-', '')
        end as org_code
    from registrations
    where
        registrations.unit_name is not null
        and length(replace(registrations.credit_code, '-', '')) in (9, 18)
),

all_codes as (
    select
        registered_codes.name_clean,
        registered_codes.org_code,
        registered_codes.credit_code
    from registered_codes
    union all
    select
        unit_name_clean(master.name) as name_clean,
        substr(master.credit_code, 9, 9) as org_code,
        master.credit_code
    from master
),

codes_per_name as (
    select
        all_codes.name_clean,
        count(distinct all_codes.org_code) as count_codes,
        string_agg(distinct all_codes.credit_code, '、' order by all_codes.credit_code)
            as all_credit_codes
    from all_codes
    where all_codes.name_clean in (select registered_codes.name_clean from registered_codes)
    group by all_codes.name_clean
),

conflicting as (
    select
        registered_codes.student_id,
        'credit_code' as field,
        'credit_code.several_per_unit_name' as rule_id,
        registered_codes.credit_code as value,
        registered_codes.unit_name as other,
        codes_per_name.all_credit_codes as expected,
        registered_codes.source_file,
        registered_codes.source_sheet,
        registered_codes.source_row
    from registered_codes
    inner join codes_per_name
        on codes_per_name.name_clean = registered_codes.name_clean
    where codes_per_name.count_codes > 1
)

select * from conflicting
