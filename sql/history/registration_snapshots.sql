-- This run's staged registrations, dated. One row per student per run date.
with

settings as (select * from run_settings),

registrations as (select * from stg_registrations),

dated as (
    select
        settings.run_date as snapshot_date,
        registrations.*
    from registrations
    cross join settings
)

select * from dated
