-- The values whose canonical form is worked out in Python
-- (pipelines/normalise/registrations.py): codes and labels holding any non-ASCII character
-- (NFKC is needed for them; ASCII values are settled in sql/staging/norm_registrations.sql),
-- every 学历 spelling, every 签约日期 and every 工资 text. One row per kind and distinct value.
with

rows as (select * from clean_registrations),

codes as (
    select distinct
        'code' as kind,
        code_cells.value
    from (
        unpivot (
            select
                rows.student_id,
                rows.id_number,
                rows.credit_code,
                rows.unit_postcode,
                rows.unit_phone,
                rows.archive_phone,
                rows.agreement_no,
                rows.unit_reg_no,
                rows.origin_code,
                rows.destination_code,
                rows.transfer_no
            from rows
        ) on columns(*) into name field value value
    ) as code_cells
    where strlen(code_cells.value) > length(code_cells.value)
),

labels as (
    select distinct
        'label' as kind,
        label_cells.value
    from (
        unpivot (
            select
                rows.unit_email,
                rows.archive_email,
                rows.destination,
                rows.sub_destination,
                rows.review_status,
                rows.gender
            from rows
        ) on columns(*) into name field value value
    ) as label_cells
    where strlen(label_cells.value) > length(label_cells.value)
),

degrees as (
    select distinct
        'degree' as kind,
        rows.degree_level as value
    from rows
    where rows.degree_level is not null
),

sign_dates as (
    select distinct
        'sign_date' as kind,
        rows.sign_date as value
    from rows
    where rows.sign_date is not null
),

salaries as (
    select distinct
        'salary' as kind,
        rows.salary as value
    from rows
    where rows.salary is not null
),

all_values as (
    select * from codes
    union all
    select * from labels
    union all
    select * from degrees
    union all
    select * from sign_dates
    union all
    select * from salaries
)

select * from all_values
