-- One row per unit finding tonight (name against master, codes per name, names per code,
-- region, admitting school), with what the registration and the master say about the unit.
with

findings as (select * from findings),

registrations as (select * from stg_registrations),

matches as (select * from unit_matches),

unit_findings as (
    select findings.*
    from findings
    where findings.rule_id in (
        'unit_name.differs_from_master',
        'unit_name.several_per_credit_code',
        'credit_code.several_per_unit_name',
        'credit_code.region_mismatch',
        'credit_code.school_shape'
    )
),

described as (
    select
        unit_findings.student_id,
        unit_findings.college,
        unit_findings.counsellor,
        unit_findings.rule_id,
        unit_findings.severity,
        registrations.credit_code,
        registrations.unit_name,
        matches.master_name,
        registrations.unit_region,
        unit_findings.message,
        unit_findings.source_file,
        unit_findings.source_row
    from unit_findings
    left join registrations
        on registrations.source_file = unit_findings.source_file
        and registrations.source_row = unit_findings.source_row
    left join matches
        on matches.source_file = unit_findings.source_file
        and matches.source_row = unit_findings.source_row
)

select * from described
order by described.rule_id, described.source_file, described.source_row
