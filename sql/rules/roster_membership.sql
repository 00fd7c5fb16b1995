-- Registered students missing from the graduate roster (only when a roster was given).
with

registrations as (select * from stg_registrations),

roster as (select * from raw_roster),

outside_roster as (
    select
        registrations.student_id,
        'student_id' as field,
        'student_id.not_in_roster' as rule_id,
        registrations.student_id as value,
        '' as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        exists (select 1 from roster)
        and registrations.student_id not in (
            select trim(roster.student_id) from roster
        )
)

select * from outside_roster
