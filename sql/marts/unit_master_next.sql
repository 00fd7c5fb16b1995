-- The unit master after tonight: one row per 18-character credit code. Only 审核通过
-- registrations whose credit code has no error finding may add or update a unit; a legacy
-- 9-character code is matched (unit_matches) but never becomes a master key.
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
        and length(registrations.credit_code) = 18
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

names_tonight as (
    select
        trusted.credit_code,
        trusted.unit_name,
        count(distinct trusted.student_id) as count_students
    from trusted
    group by trusted.credit_code, trusted.unit_name
),

name_tonight as (
    select
        names_tonight.credit_code,
        -- the name most students used tonight; ties go to the first in sort order
        first(
            names_tonight.unit_name
            order by names_tonight.count_students desc, names_tonight.unit_name
        ) as name
    from names_tonight
    group by names_tonight.credit_code
),

tonight as (
    select
        trusted.credit_code,
        any_value(name_tonight.name) as name,
        min(trusted.unit_address) as address,
        min(trusted.unit_region_code) as region_code,
        min(trusted.industry_section) as industry_section,
        min(trusted.unit_nature_code) as unit_nature_code,
        count(distinct trusted.student_id) as count_graduates
    from trusted
    inner join name_tonight on name_tonight.credit_code = trusted.credit_code
    group by trusted.credit_code
),

paired as (
    select
        tonight.credit_code as tonight_credit_code,
        tonight.name as tonight_name,
        tonight.address as tonight_address,
        tonight.region_code as tonight_region_code,
        tonight.industry_section as tonight_industry_section,
        tonight.unit_nature_code as tonight_unit_nature_code,
        tonight.count_graduates as tonight_count_graduates,
        master.*,
        unit_name_key(tonight.name) as tonight_key,
        unit_name_key(master.name) as master_key,
        list_transform(master.former_names, lambda former: unit_name_key(former))
            as former_keys
    from tonight
    full outer join master on master.credit_code = tonight.credit_code
),

named as (
    select
        paired.*,
        case
            when paired.name is null then paired.tonight_name
            when paired.tonight_name is null then paired.name
            -- the same name written differently, or a name the unit had before
            when paired.tonight_key = paired.master_key then paired.name
            when list_contains(paired.former_keys, paired.tonight_key) then paired.name
            -- within two characters of the master's name: a typo, reported by the
            -- unit_name.differs_from_master rule, not a rename
            when levenshtein(paired.tonight_key, paired.master_key) <= 2 then paired.name
            else paired.tonight_name
        end as next_name
    from paired
),

merged as (
    select
        coalesce(named.tonight_credit_code, named.credit_code) as credit_code,
        named.next_name as name,
        coalesce(named.tonight_address, named.address) as address,
        coalesce(named.tonight_region_code, named.region_code) as region_code,
        coalesce(named.tonight_industry_section, named.industry_section)
            as industry_section,
        coalesce(named.tonight_unit_nature_code, named.unit_nature_code)
            as unit_nature_code,
        coalesce(named.first_seen_date, settings.run_date) as first_seen_date,
        case
            when named.tonight_credit_code is null then named.last_seen_date
            else greatest(named.last_seen_date, settings.run_date)
        end as last_seen_date,
        -- graduates are counted per night seen, so a re-run of the same night adds nothing
        case
            when named.last_seen_date >= settings.run_date then named.count_graduates
            else
                coalesce(named.count_graduates, 0)
                + coalesce(named.tonight_count_graduates, 0)
        end as count_graduates,
        case
            when named.name is not null and named.next_name != named.name
                then list_filter(
                    list_sort(list_distinct(list_append(named.former_names, named.name))),
                    lambda former: former != named.next_name
                )
            else coalesce(named.former_names, [])
        end as former_names
    from named
    cross join settings
)

select * from merged
order by merged.credit_code
