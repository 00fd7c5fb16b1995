-- The hand-made registrations as stg_registrations carries them: destination group and
-- flags looked up in the national code table, as the staging model does.
with

registrations as (
    select * from read_csv($path, header = true, all_varchar = true)
),

national as (select * from ref_destinations),

staged as (
    select
        registrations.* replace (
            registrations.salary_yuan_month::double as salary_yuan_month
        ),
        national.name as national_name,
        national.group_2024,
        national.group_2021,
        coalesce(national.is_placed = 'true', false) as is_placed,
        coalesce(national.is_abroad = 'true', false) as is_abroad
    from registrations
    left join national on national.code = registrations.national_code
)

select * from staged
