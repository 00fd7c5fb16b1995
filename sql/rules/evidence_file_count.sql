-- Each registration carries one to three evidence files; a placed destination needs at least
-- one. Checked only when an evidence manifest was given. One row per registration.
with

registrations as (select * from stg_registrations),

evidence as (select * from raw_evidence),

files_per_student as (
    select
        trim(evidence.student_id) as student_id,
        count(*) as count_files
    from evidence
    group by all
),

counted as (
    select
        registrations.*,
        coalesce(files_per_student.count_files, 0) as count_files
    from registrations
    left join files_per_student
        on files_per_student.student_id = registrations.student_id
    where exists (select 1 from evidence)
),

wrong_count as (
    select
        counted.student_id,
        'evidence' as field,
        case
            when counted.count_files = 0 then 'evidence.missing'
            else 'evidence.too_many'
        end as rule_id,
        cast(counted.count_files as varchar) as value,
        coalesce(counted.destination, '') as other,
        '' as expected,
        counted.source_file,
        counted.source_sheet,
        counted.source_row
    from counted
    where
        (counted.count_files = 0 and counted.is_placed)
        or counted.count_files > 3
)

select * from wrong_count
