-- Required, forbidden and fixed fields per destination, from reference_data/destination_fields.csv.
-- One row per registration and field that breaks its destination's requirement.
with

registrations as (select * from stg_registrations),

requirements as (select * from ref_destination_fields),

field_values as (
    select *
    from (
        select
            student_id, source_file, source_sheet, source_row, national_code, destination,
            unit_name, credit_code, unit_address, unit_postcode, unit_contact, unit_phone,
            unit_region, industry, unit_nature, agreement_no, sign_date, unit_category,
            abroad_country
        from registrations
        where national_code is not null
    ) unpivot include nulls (
        field_value for field in (
            unit_name, credit_code, unit_address, unit_postcode, unit_contact, unit_phone,
            unit_region, industry, unit_nature, agreement_no, sign_date, unit_category,
            abroad_country
        )
    )
),

checked as (
    select
        field_values.student_id,
        field_values.field,
        case requirements.requirement
            when 'required' then 'destination.required_field'
            when 'forbidden' then 'destination.forbidden_field'
            else 'destination.fixed_value'
        end as rule_id,
        coalesce(field_values.field_value, '') as value,
        coalesce(field_values.destination, field_values.national_code) as other,
        requirements.fixed_value as expected,
        field_values.source_file,
        field_values.source_sheet,
        field_values.source_row
    from field_values
    inner join requirements
        on requirements.parent_code = left(field_values.national_code, 2)
        and requirements.field = field_values.field
    where
        (requirements.requirement = 'required' and field_values.field_value is null)
        or (requirements.requirement = 'forbidden' and field_values.field_value is not null)
        or (
            requirements.requirement = 'fixed'
            and coalesce(field_values.field_value, '') != requirements.fixed_value
        )
)

select * from checked
