-- How well the benchmark's suggestions did: rows wanting one, rows given one, and rows whose
-- first suggestion is the unit the row was drawn from.
with

registrations as (select * from stg_registrations),

suggestions as (select * from unit_suggestions),

wanting as (
    select registrations.*
    from registrations
    where registrations.credit_code is null or registrations.is_bad_code
),

first_suggestions as (
    select suggestions.*
    from suggestions
    where suggestions.suggestion_rank = 1
),

hits as (
    select
        count(*) as count_wanting,
        count(first_suggestions.source_row) as count_suggested,
        count(*) filter (
            where first_suggestions.suggested_credit_code = wanting.true_credit_code
        ) as count_right_first
    from wanting
    left join first_suggestions
        on first_suggestions.source_file = wanting.source_file
        and first_suggestions.source_row = wanting.source_row
)

select * from hits
