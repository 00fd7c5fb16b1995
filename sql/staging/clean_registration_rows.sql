-- Every raw registration row with every text cell cleaned (see sql/macros/clean_text.sql);
-- `row_order` keeps the order the rows were read in. One row per raw registration row.
-- The first three columns of raw_registrations are source_file, source_sheet, source_row.
with

-- rowid (the reading order) is visible only on the table itself, so the import takes it along
raw as (select raw_registrations.rowid as row_order, * from raw_registrations),

cleaned as (
    select
        raw.row_order,
        clean_text(columns(lambda c: c in ('source_file', 'source_sheet'))),
        raw.source_row,
        clean_text(
            columns(
                lambda c: c not in ('row_order', 'source_file', 'source_sheet', 'source_row')
            )
        )
    from raw
)

select * from cleaned
