-- The rows whose 学号 was already seen. When every row of a 学号 has the same content (source
-- columns aside) the later rows are exact repeats of the first; when the contents differ every
-- row of that 学号 is a conflicting repeat. A row without 学号 is never a conflict, but a later
-- one repeats the first. `first_source` names the repeated row, or every row of a conflict.
-- One row per repeated registration row, exact repeats first, each kind in reading order.
with

rows as (select * from clean_registration_rows),

-- most 学号 appear once; only the others are compared and ranked
row_counts as (
    select
        rows.student_id,
        count(*) as count_rows
    from rows
    group by rows.student_id
),

repeated as (
    select rows.*
    from rows
    semi join row_counts
        on row_counts.student_id is not distinct from rows.student_id
        and row_counts.count_rows > 1
),

described as (
    select
        repeated.*,
        repeated.source_file || ' 第 ' || repeated.source_row || ' 行' as row_source,
        row(
            *columns(
                * exclude (
                    row_order,
                    source_file,
                    source_sheet,
                    source_row,
                    extra,
                    lost_digit_columns
                )
            )
        ) as content
    from repeated
),

per_student as (
    select
        described.student_id,
        count(*) as count_rows,
        count(distinct described.content) as count_variants,
        arg_min(described.row_source, described.row_order) as first_row_source,
        string_agg(described.row_source, '、' order by described.row_order) as all_row_sources
    from described
    group by described.student_id
),

ranked as (
    select
        described.*,
        row_number() over (
            partition by described.student_id order by described.row_order
        ) as occurrence
    from described
),

repeats as (
    select
        ranked.row_order,
        ranked.student_id,
        ranked.college,
        ranked.counsellor,
        ranked.source_file,
        ranked.source_sheet,
        ranked.source_row,
        case
            when per_student.student_id is not null
                and per_student.count_rows > 1
                and per_student.count_variants > 1
                then 'conflicting'
            else 'exact'
        end as repeat_kind,
        case
            when repeat_kind = 'conflicting' then per_student.all_row_sources
            else per_student.first_row_source
        end as first_source
    from ranked
    inner join per_student
        on per_student.student_id is not distinct from ranked.student_id
    where
        repeat_kind = 'conflicting'
        or ranked.occurrence > 1
)

select * from repeats
order by repeats.repeat_kind = 'conflicting', repeats.row_order
