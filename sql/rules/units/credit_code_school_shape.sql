-- For 境内升学 the unit is the admitting school: public universities and research institutes
-- are 事业单位 (credit code 12…), private universities 民办非企业单位 (52…). Any other code
-- is most likely the code of the student's former employer or of a company.
with

registrations as (select * from stg_registrations),

admissions as (
    select registrations.*
    from registrations
    where
        registrations.national_code in ('80', '801', '802')
        and length(registrations.credit_code) = 18
),

misshaped as (
    select
        admissions.student_id,
        'credit_code' as field,
        'credit_code.school_shape' as rule_id,
        admissions.credit_code as value,
        coalesce(admissions.unit_name, '') as other,
        substr(admissions.credit_code, 1, 2) as expected,
        admissions.source_file,
        admissions.source_sheet,
        admissions.source_row
    from admissions
    where substr(admissions.credit_code, 1, 2) not in ('12', '52')
)

select * from misshaped
