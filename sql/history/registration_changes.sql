-- How each student's registration differs from the previous run date's snapshot.
-- One row per student of this run; no rows when there is no earlier snapshot.
-- A changed 审核状态 outranks other changes: it is what counsellors act on first.
with

settings as (select * from run_settings),

snapshots as (select * from registration_snapshots),

field_labels as (select * from registration_field_labels),

previous_run as (
    select max(snapshots.snapshot_date) as snapshot_date
    from snapshots
    cross join settings
    where snapshots.snapshot_date < settings.run_date
),

current_rows as (
    select snapshots.*
    from snapshots
    inner join settings on snapshots.snapshot_date = settings.run_date
),

previous_rows as (
    select snapshots.*
    from snapshots
    inner join previous_run on snapshots.snapshot_date = previous_run.snapshot_date
),

-- empty and missing cells are the same thing to a student: compare as text, NULL as ''
current_text as (
    select
        current_rows.student_id,
        coalesce(columns(* exclude (snapshot_date, student_id))::varchar, '')
    from current_rows
),

previous_text as (
    select
        previous_rows.student_id,
        coalesce(columns(* exclude (snapshot_date, student_id))::varchar, '')
    from previous_rows
),

current_values as (
    unpivot current_text
    on columns(* exclude student_id)
    into name field value value
),

previous_values as (
    unpivot previous_text
    on columns(* exclude student_id)
    into name field value value
),

changed_values as (
    select
        current_values.student_id,
        field_labels.label,
        field_labels.position,
        current_values.field
    from current_values
    inner join previous_values
        on current_values.student_id = previous_values.student_id
        and current_values.field = previous_values.field
    inner join field_labels on current_values.field = field_labels.field
    where current_values.value <> previous_values.value
),

changed_students as (
    select
        changed_values.student_id,
        string_agg(changed_values.label, ',' order by changed_values.position)
            as changed_fields,
        bool_or(changed_values.field = 'review_status') as has_review_change
    from changed_values
    group by changed_values.student_id
),

classified as (
    select
        current_rows.student_id,
        case
            when previous_rows.student_id is null then '新登记'
            when changed_students.has_review_change then '审核状态变更'
            when changed_students.student_id is not null then '有变更'
            else '未变化'
        end as change,
        changed_students.changed_fields
    from current_rows
    cross join previous_run
    left join previous_rows on current_rows.student_id = previous_rows.student_id
    left join changed_students on current_rows.student_id = changed_students.student_id
    where previous_run.snapshot_date is not null
)

select * from classified
order by student_id
