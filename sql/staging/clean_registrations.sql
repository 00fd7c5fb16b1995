-- The cleaned registrations that go on: every row but the repeats, in reading order.
-- One row per registered 学号 (a row without 学号 counts once).
with

rows as (select * from clean_registration_rows),

repeats as (select * from registration_repeats),

kept as (
    select rows.*
    from rows
    anti join repeats on repeats.row_order = rows.row_order
)

select * exclude (row_order) from kept
order by kept.row_order
