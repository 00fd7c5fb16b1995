-- The registrations in canonical spelling: codes half-width, upper-case and without inner
-- spaces; e-mail addresses and labels half-width without spaces; 学历 one of the four levels;
-- 签约日期 and 工资 parsed. ASCII codes and labels are settled here; the forms of other
-- values, and every 学历, date and salary, come from text_forms (filled by
-- pipelines/normalise/registrations.py, which holds the rules). For ASCII text these
-- expressions give what those rules give: NFKC leaves ASCII alone and, once cleaned, the only
-- whitespace left is space, tab and line break. One row per registered 学号.
with

-- rowid (the reading order) is visible only on the table itself, so the import takes it along;
-- the joins below would otherwise leave the rows in any order
rows as (select clean_registrations.rowid as row_order, * from clean_registrations),

forms as (select * from text_forms),

normalised as (
    select
        rows.* exclude (row_order) replace (
            coalesce(
                student_id_form.canonical,
                upper(regexp_replace(rows.student_id, '\s+', '', 'g'))
            ) as student_id,
            coalesce(
                id_number_form.canonical,
                upper(regexp_replace(rows.id_number, '\s+', '', 'g'))
            ) as id_number,
            coalesce(
                credit_code_form.canonical,
                upper(regexp_replace(rows.credit_code, '\s+', '', 'g'))
            ) as credit_code,
            coalesce(
                unit_postcode_form.canonical,
                upper(regexp_replace(rows.unit_postcode, '\s+', '', 'g'))
            ) as unit_postcode,
            coalesce(
                unit_phone_form.canonical,
                upper(regexp_replace(rows.unit_phone, '\s+', '', 'g'))
            ) as unit_phone,
            coalesce(
                archive_phone_form.canonical,
                upper(regexp_replace(rows.archive_phone, '\s+', '', 'g'))
            ) as archive_phone,
            coalesce(
                agreement_no_form.canonical,
                upper(regexp_replace(rows.agreement_no, '\s+', '', 'g'))
            ) as agreement_no,
            coalesce(
                unit_reg_no_form.canonical,
                upper(regexp_replace(rows.unit_reg_no, '\s+', '', 'g'))
            ) as unit_reg_no,
            coalesce(
                origin_code_form.canonical,
                upper(regexp_replace(rows.origin_code, '\s+', '', 'g'))
            ) as origin_code,
            coalesce(
                destination_code_form.canonical,
                upper(regexp_replace(rows.destination_code, '\s+', '', 'g'))
            ) as destination_code,
            coalesce(
                transfer_no_form.canonical,
                upper(regexp_replace(rows.transfer_no, '\s+', '', 'g'))
            ) as transfer_no,
            coalesce(
                unit_email_form.canonical,
                regexp_replace(rows.unit_email, '\s+', '', 'g')
            ) as unit_email,
            coalesce(
                archive_email_form.canonical,
                regexp_replace(rows.archive_email, '\s+', '', 'g')
            ) as archive_email,
            coalesce(
                destination_form.canonical,
                regexp_replace(rows.destination, '\s+', '', 'g')
            ) as destination,
            coalesce(
                sub_destination_form.canonical,
                regexp_replace(rows.sub_destination, '\s+', '', 'g')
            ) as sub_destination,
            coalesce(
                review_status_form.canonical,
                regexp_replace(rows.review_status, '\s+', '', 'g')
            ) as review_status,
            coalesce(
                gender_form.canonical,
                regexp_replace(rows.gender, '\s+', '', 'g')
            ) as gender,
            degree_form.canonical as degree_level
        ),
        sign_date_form.canonical::date as sign_date_parsed,
        salary_form.canonical::double as salary_yuan_month,
        rows.row_order
    from rows
    left join forms as student_id_form
        on student_id_form.kind = 'code'
        and student_id_form.value = rows.student_id
    left join forms as id_number_form
        on id_number_form.kind = 'code'
        and id_number_form.value = rows.id_number
    left join forms as credit_code_form
        on credit_code_form.kind = 'code'
        and credit_code_form.value = rows.credit_code
    left join forms as unit_postcode_form
        on unit_postcode_form.kind = 'code'
        and unit_postcode_form.value = rows.unit_postcode
    left join forms as unit_phone_form
        on unit_phone_form.kind = 'code'
        and unit_phone_form.value = rows.unit_phone
    left join forms as archive_phone_form
        on archive_phone_form.kind = 'code'
        and archive_phone_form.value = rows.archive_phone
    left join forms as agreement_no_form
        on agreement_no_form.kind = 'code'
        and agreement_no_form.value = rows.agreement_no
    left join forms as unit_reg_no_form
        on unit_reg_no_form.kind = 'code'
        and unit_reg_no_form.value = rows.unit_reg_no
    left join forms as origin_code_form
        on origin_code_form.kind = 'code'
        and origin_code_form.value = rows.origin_code
    left join forms as destination_code_form
        on destination_code_form.kind = 'code'
        and destination_code_form.value = rows.destination_code
    left join forms as transfer_no_form
        on transfer_no_form.kind = 'code'
        and transfer_no_form.value = rows.transfer_no
    left join forms as unit_email_form
        on unit_email_form.kind = 'label'
        and unit_email_form.value = rows.unit_email
    left join forms as archive_email_form
        on archive_email_form.kind = 'label'
        and archive_email_form.value = rows.archive_email
    left join forms as destination_form
        on destination_form.kind = 'label'
        and destination_form.value = rows.destination
    left join forms as sub_destination_form
        on sub_destination_form.kind = 'label'
        and sub_destination_form.value = rows.sub_destination
    left join forms as review_status_form
        on review_status_form.kind = 'label'
        and review_status_form.value = rows.review_status
    left join forms as gender_form
        on gender_form.kind = 'label'
        and gender_form.value = rows.gender
    left join forms as degree_form
        on degree_form.kind = 'degree'
        and degree_form.value = rows.degree_level
    left join forms as sign_date_form
        on sign_date_form.kind = 'sign_date'
        and sign_date_form.value = rows.sign_date
    left join forms as salary_form
        on salary_form.kind = 'salary'
        and salary_form.value = rows.salary
)

select * exclude (row_order) from normalised
order by normalised.row_order
