-- The files each run read. One row per input file per run date.
with

settings as (select * from run_settings),

inputs as (select * from this_run_inputs),

dated as (
    select
        settings.run_date,
        inputs.kind,
        inputs.file_name,
        inputs.sha256,
        inputs.rows_in
    from inputs
    cross join settings
)

select * from dated
