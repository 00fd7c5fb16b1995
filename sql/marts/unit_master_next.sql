-- The unit master after tonight: one row per credit code. Only 审核通过 registrations whose
-- credit code has no error finding may add or update a unit.
with

registrations as (select * from stg_registrations),

findings as (select * from findings),

master as (select * from unit_master),

settings as (select * from run_settings),

trusted as (
    select registrations.*
    from registrations
    where
        registrations.review_status = '审核通过'
        and registrations.credit_code is not null
        and registrations.unit_name is not null
        and not exists (
            select 1
            from findings
            where
                findings.source_file = registrations.source_file
                and findings.source_row = registrations.source_row
                and findings.field = 'credit_code'
                and findings.severity = 'error'
        )
),

tonight as (
    select
        trusted.credit_code,
        min(trusted.unit_name) as name,
        min(trusted.unit_address) as address,
        min(trusted.unit_region_code) as region_code,
        min(trusted.industry_section) as industry_section,
        min(trusted.unit_nature_code) as unit_nature_code,
        count(distinct trusted.student_id) as count_graduates
    from trusted
    group by trusted.credit_code
),

merged as (
    select
        coalesce(tonight.credit_code, master.credit_code) as credit_code,
        coalesce(tonight.name, master.name) as name,
        coalesce(tonight.address, master.address) as address,
        coalesce(tonight.region_code, master.region_code) as region_code,
        coalesce(tonight.industry_section, master.industry_section) as industry_section,
        coalesce(tonight.unit_nature_code, master.unit_nature_code) as unit_nature_code,
        coalesce(master.first_seen_date, settings.run_date) as first_seen_date,
        case
            when tonight.credit_code is null then master.last_seen_date
            else settings.run_date
        end as last_seen_date,
        -- graduates are counted per night seen, so a re-run of the same night adds nothing
        case
            when master.last_seen_date = settings.run_date then master.count_graduates
            else coalesce(master.count_graduates, 0) + coalesce(tonight.count_graduates, 0)
        end as count_graduates,
        case
            when master.name is not null and tonight.name is not null
                and master.name != tonight.name
                then list_distinct(list_append(master.former_names, master.name))
            else coalesce(master.former_names, [])
        end as former_names
    from tonight
    full outer join master on master.credit_code = tonight.credit_code
    cross join settings
)

select * from merged
order by merged.credit_code
