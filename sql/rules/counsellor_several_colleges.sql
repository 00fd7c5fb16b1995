-- A counsellor listed with students of another college: usually a mistyped 学院 or 辅导员.
-- The counsellor's main college is the one with most students (ties: first by name); one
-- row per registration in any other college.
with

registrations as (select * from stg_registrations),

per_college as (
    select
        registrations.counsellor,
        registrations.college,
        count(*) as count_students
    from registrations
    where registrations.counsellor is not null and registrations.college is not null
    group by all
),

ranked as (
    select
        per_college.counsellor,
        per_college.college,
        row_number() over (
            partition by per_college.counsellor
            order by per_college.count_students desc, per_college.college
        ) as college_rank
    from per_college
),

main_college as (
    select
        ranked.counsellor,
        ranked.college
    from ranked
    where ranked.college_rank = 1
),

elsewhere as (
    select
        registrations.student_id,
        'counsellor' as field,
        'counsellor.several_colleges' as rule_id,
        registrations.counsellor as value,
        registrations.college as other,
        main_college.college as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    inner join main_college on main_college.counsellor = registrations.counsellor
    where registrations.college != main_college.college
)

select * from elsewhere
