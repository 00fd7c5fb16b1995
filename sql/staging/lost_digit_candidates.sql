-- The registrations whose 身份证号 may have lost digits in Excel: marked so by the reader, or
-- holding an "e" as Excel's scientific notation does. pipelines/normalise/lost_digits.py makes
-- the final call. One row per such registration, in reading order.
with

registrations as (select * from clean_registrations),

candidates as (
    select
        registrations.student_id,
        registrations.college,
        registrations.counsellor,
        registrations.id_number,
        registrations.lost_digit_columns,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        registrations.lost_digit_columns like '%id_number%'
        or registrations.id_number ilike '%e%'
)

select * from candidates
