-- 公务员录用 needs a 机关 employer and 部队录用 a 部队 one.
-- One row per registration whose 单位性质 contradicts its 二级去向.
with

registrations as (select * from stg_registrations),

natures as (select * from ref_unit_natures),

-- the 二级去向 labels that fix the unit nature, as the platform writes them
fixed_natures as (
    select *
    from (values ('公务员录用', '10'), ('部队录用', '40')) as fixed (sub_destination, nature_code)
),

mismatched as (
    select
        registrations.student_id,
        'unit_nature' as field,
        'unit_nature.subtype_mismatch' as rule_id,
        coalesce(registrations.unit_nature, '') as value,
        registrations.sub_destination as other,
        natures.name as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    inner join fixed_natures
        on fixed_natures.sub_destination = registrations.sub_destination
    inner join natures on natures.code = fixed_natures.nature_code
    where coalesce(registrations.unit_nature_code, '') != fixed_natures.nature_code
)

select * from mismatched
