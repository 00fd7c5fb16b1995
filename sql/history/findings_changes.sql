-- This run's findings against the previous run date's: new, fixed or still open.
-- A finding is the same problem when student, field and rule agree (the value may differ).
-- One row per student, field and rule; no rows when there is no earlier run.
with

settings as (select * from run_settings),

history as (select * from findings_history),

previous_run as (
    select max(history.run_date) as run_date
    from history
    cross join settings
    where history.run_date < settings.run_date
),

-- a repeated row can carry the same problem twice; its first row stands for it
current_findings as (
    select history.*
    from history
    inner join settings on history.run_date = settings.run_date
    qualify row_number() over (
        partition by history.student_id, history.field, history.rule_id
        order by history.source_file, history.source_row, history.message
    ) = 1
),

previous_findings as (
    select history.*
    from history
    inner join previous_run on history.run_date = previous_run.run_date
    qualify row_number() over (
        partition by history.student_id, history.field, history.rule_id
        order by history.source_file, history.source_row, history.message
    ) = 1
),

new_findings as (
    select
        current_findings.*,
        '新增' as change
    from current_findings
    anti join previous_findings
        on current_findings.student_id is not distinct from previous_findings.student_id
        and current_findings.field = previous_findings.field
        and current_findings.rule_id = previous_findings.rule_id
),

open_findings as (
    select
        current_findings.*,
        '仍未修复' as change
    from current_findings
    semi join previous_findings
        on current_findings.student_id is not distinct from previous_findings.student_id
        and current_findings.field = previous_findings.field
        and current_findings.rule_id = previous_findings.rule_id
),

fixed_findings as (
    select
        previous_findings.*,
        '已修复' as change
    from previous_findings
    anti join current_findings
        on previous_findings.student_id is not distinct from current_findings.student_id
        and previous_findings.field = current_findings.field
        and previous_findings.rule_id = current_findings.rule_id
),

compared as (
    select * from new_findings
    union all by name
    select * from open_findings
    union all by name
    select * from fixed_findings
),

final as (
    select
        compared.student_id,
        compared.college,
        compared.counsellor,
        compared.field,
        compared.rule_id,
        compared.severity,
        compared.message,
        compared.value,
        compared.change
    from compared
    cross join previous_run
    where previous_run.run_date is not null
)

select * from final
order by student_id, field, rule_id
