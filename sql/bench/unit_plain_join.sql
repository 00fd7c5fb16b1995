-- The benchmark's baseline: each registration beside its master row by credit code.
with

registrations as (select * from stg_registrations),

master as (select * from unit_master),

joined as (
    select
        registrations.student_id,
        registrations.source_file,
        registrations.source_row,
        registrations.credit_code,
        registrations.unit_name,
        master.name as master_name
    from registrations
    left join master on master.credit_code = registrations.credit_code
)

select * from joined
