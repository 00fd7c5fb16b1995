-- The export rows as read, each named by the file, sheet and row of the
-- export it was copied from when its reserved provenance cell says so (a
-- partition's split copy), that cell taken out of the set-aside columns.
-- One row per raw registration.
with

raw as (select * from raw_registrations),

with_origin as (
    select
        *,
        json_extract_string(extra, '$."_来源"') as copied_from
    from raw
),

traced as (
    select
        * exclude (copied_from) replace (
            coalesce(
                json_extract_string(copied_from, '$[0]'), source_file
            ) as source_file,
            coalesce(
                json_extract_string(copied_from, '$[1]'), source_sheet
            ) as source_sheet,
            coalesce(
                json_extract(copied_from, '$[2]')::bigint, source_row
            ) as source_row,
            case
                when copied_from is null then extra
                else nullif(
                    json_merge_patch(extra, '{"_来源": null}')::varchar, '{}'
                )
            end as extra
        )
    from with_origin
)

select * from traced
