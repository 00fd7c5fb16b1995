-- One row per graduate of graduate_outcomes, with the personal fields the college packages
-- list (name, ID number, phone — masked when written) and the college it belongs to. A
-- graduate who never registered is known by the roster's name only.
with

outcomes as (select * from graduate_outcomes),

registrations as (select * from stg_registrations),

roster as (select * from raw_roster),

details as (
    select
        registrations.student_id,
        any_value(registrations.name) as name,
        any_value(registrations.id_number) as id_number,
        any_value(registrations.review_status) as review_status,
        any_value(registrations.unit_region) as unit_region,
        any_value(registrations.unit_phone) as unit_phone
    from registrations
    group by registrations.student_id
),

roster_names as (
    select
        trim(roster.student_id) as student_id,
        any_value(roster.name) as roster_name
    from roster
    group by trim(roster.student_id)
),

students as (
    select
        outcomes.college,
        outcomes.student_id,
        coalesce(details.name, roster_names.roster_name) as name,
        outcomes.major,
        outcomes.degree_level,
        details.id_number,
        outcomes.destination_subgroup,
        outcomes.national_name,
        details.review_status,
        outcomes.unit_name,
        details.unit_region,
        details.unit_phone
    from outcomes
    left join details on details.student_id = outcomes.student_id
    left join roster_names on roster_names.student_id = outcomes.student_id
)

select * from students
order by students.college, students.student_id
