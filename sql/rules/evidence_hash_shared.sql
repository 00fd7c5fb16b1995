-- The same evidence file (same sha256, or MD5 when no sha256 is given) uploaded for two or
-- more students. One row per manifest row of such a file.
with

evidence as (select * from raw_evidence),

hashed as (
    select
        trim(evidence.student_id) as student_id,
        lower(trim(coalesce(evidence.sha256, evidence.md5))) as file_hash,
        evidence.file_name,
        evidence.source_file,
        evidence.source_sheet,
        evidence.source_row
    from evidence
    where coalesce(evidence.sha256, evidence.md5) is not null
),

shared as (
    select
        hashed.file_hash,
        string_agg(distinct hashed.student_id, '、' order by hashed.student_id) as students
    from hashed
    group by hashed.file_hash
    having count(distinct hashed.student_id) > 1
),

flagged as (
    select
        hashed.student_id,
        'evidence' as field,
        'evidence.hash_shared' as rule_id,
        hashed.file_name as value,
        shared.students as other,
        '' as expected,
        hashed.source_file,
        hashed.source_sheet,
        hashed.source_row
    from hashed
    inner join shared on shared.file_hash = hashed.file_hash
)

select * from flagged
