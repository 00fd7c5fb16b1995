-- A unit name that differs from the unit master's name for the same credit code by more
-- than formatting, place brackets or the legal-form ending, and is no former name either.
with

matches as (select * from unit_matches),

differing as (
    select
        matches.student_id,
        'unit_name' as field,
        'unit_name.differs_from_master' as rule_id,
        matches.unit_name as value,
        matches.credit_code as other,
        matches.master_name as expected,
        matches.source_file,
        matches.source_sheet,
        matches.source_row
    from matches
    where matches.match_status = 'name_differs'
)

select * from differing
