-- 签订日期 outside the graduation window: after the run's date, or before 1 September of the
-- year before the run (a cohort signs from its final autumn on). One row per registration.
with

registrations as (select * from stg_registrations),

settings as (select * from run_settings),

window_bounds as (
    select
        make_date(year(settings.run_date) - 1, 9, 1) as start_date,
        settings.run_date as end_date
    from settings
),

outside as (
    select
        registrations.student_id,
        'sign_date' as field,
        'sign_date.outside_window' as rule_id,
        registrations.sign_date as value,
        strftime(window_bounds.start_date, '%Y-%m-%d') as other,
        strftime(window_bounds.end_date, '%Y-%m-%d') as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    cross join window_bounds
    where
        registrations.sign_date_parsed < window_bounds.start_date
        or registrations.sign_date_parsed > window_bounds.end_date
)

select * from outside
