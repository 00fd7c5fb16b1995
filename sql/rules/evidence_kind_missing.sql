-- The evidence each destination needs (reference_data/evidence_requirements.csv): every
-- requirement is met by any one of its kinds. A file's kind is its 材料类型, else the first
-- keyword of reference_data/evidence_kinds.csv found in its name. Students none of whose
-- files has a recognisable kind are not judged here. One row per registration and unmet
-- requirement.
with

registrations as (select * from stg_registrations),

evidence as (select * from raw_evidence),

kinds as (select * from ref_evidence_kinds),

requirements as (select * from ref_evidence_requirements),

file_kinds as (
    select distinct
        trim(evidence.student_id) as student_id,
        coalesce(by_label.kind, by_keyword.kind) as kind
    from evidence
    left join kinds as by_label on by_label.kind = trim(evidence.evidence_kind)
    left join kinds as by_keyword
        on contains(lower(evidence.file_name), lower(by_keyword.keyword))
),

recognised as (
    select
        file_kinds.student_id,
        list(file_kinds.kind) as student_kinds
    from file_kinds
    where file_kinds.kind is not null
    group by file_kinds.student_id
),

unmet as (
    select
        registrations.student_id,
        'evidence' as field,
        'evidence.kind_missing' as rule_id,
        array_to_string(recognised.student_kinds, '、') as value,
        registrations.destination as other,
        replace(requirements.kinds, '|', '或') as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    inner join recognised on recognised.student_id = registrations.student_id
    inner join requirements
        on requirements.national_code = registrations.national_code
        or requirements.national_code = left(registrations.national_code, 2)
    where not list_has_any(recognised.student_kinds, string_split(requirements.kinds, '|'))
)

select * from unmet
