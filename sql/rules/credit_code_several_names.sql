-- One credit code registered under different unit names in tonight's export.
with

registrations as (select * from stg_registrations),

names_per_code as (
    select
        registrations.credit_code,
        count(distinct registrations.unit_name) as count_names,
        string_agg(distinct registrations.unit_name, '、' order by registrations.unit_name)
            as all_names
    from registrations
    where registrations.credit_code is not null and registrations.unit_name is not null
    group by registrations.credit_code
),

conflicting as (
    select
        registrations.student_id,
        'unit_name' as field,
        'unit_name.several_per_credit_code' as rule_id,
        registrations.unit_name as value,
        registrations.credit_code as other,
        names_per_code.all_names as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    inner join names_per_code
        on names_per_code.credit_code = registrations.credit_code
    where names_per_code.count_names > 1
)

select * from conflicting
