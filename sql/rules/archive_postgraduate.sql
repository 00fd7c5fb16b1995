-- Postgraduates' 档案 go through the graduate school, so they leave the form's archive
-- fields empty. One row per registration and filled archive field.
with

registrations as (select * from stg_registrations),

postgraduates as (
    select
        registrations.student_id,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row,
        registrations.degree_level,
        registrations.archive_unit,
        registrations.archive_address,
        registrations.archive_recipient,
        registrations.archive_phone,
        registrations.archive_email
    from registrations
    where
        registrations.degree_level like '%研究生%'
        or registrations.degree_level like '%硕士%'
        or registrations.degree_level like '%博士%'
),

archive_values as (
    select *
    from postgraduates
    unpivot (
        field_value for field in (
            archive_unit, archive_address, archive_recipient, archive_phone, archive_email
        )
    )
),

filled as (
    select
        archive_values.student_id,
        archive_values.field,
        'archive.postgraduate_filled' as rule_id,
        archive_values.field_value as value,
        archive_values.degree_level as other,
        '' as expected,
        archive_values.source_file,
        archive_values.source_sheet,
        archive_values.source_row
    from archive_values
)

select * from filled
