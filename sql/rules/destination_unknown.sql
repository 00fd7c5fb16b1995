-- Registrations whose 毕业去向 is empty or maps to no national code.
with

registrations as (select * from stg_registrations),

unmapped as (
    select
        registrations.student_id,
        'destination' as field,
        case
            when registrations.destination is null then 'destination.missing'
            else 'destination.unknown'
        end as rule_id,
        coalesce(registrations.destination, '') as value,
        coalesce(registrations.sub_destination, '') as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where registrations.national_code is null
)

select * from unmapped
