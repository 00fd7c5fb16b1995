-- This run's findings, dated. One row per finding per run date.
with

settings as (select * from run_settings),

findings as (select * from findings),

dated as (
    select
        settings.run_date,
        findings.student_id,
        findings.college,
        findings.counsellor,
        findings.field,
        findings.rule_id,
        findings.severity,
        findings.message,
        findings.value,
        findings.source_file,
        findings.source_sheet,
        findings.source_row
    from findings
    cross join settings
)

select * from dated
