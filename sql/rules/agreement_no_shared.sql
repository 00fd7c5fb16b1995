-- One 协议书编号 used by two or more students.
with

registrations as (select * from stg_registrations),

shared as (
    select
        registrations.agreement_no,
        count(distinct registrations.student_id) as count_students
    from registrations
    where registrations.agreement_no is not null
    group by registrations.agreement_no
    having count(distinct registrations.student_id) > 1
),

flagged as (
    select
        registrations.student_id,
        'agreement_no' as field,
        'agreement_no.shared' as rule_id,
        registrations.agreement_no as value,
        cast(shared.count_students as varchar) as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    inner join shared on shared.agreement_no = registrations.agreement_no
)

select * from flagged
