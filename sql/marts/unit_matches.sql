-- One row per registration carrying a credit code: which master unit it is, found by the
-- credit code or, for a legacy 9-character 组织机构代码, by the code embedded in positions
-- 9-17 of the master's credit codes; and how its name compares with the master's.
with

registrations as (select * from stg_registrations),

master as (select * from unit_master),

coded as (
    select
        registrations.student_id,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row,
        registrations.credit_code,
        -- legacy organisation codes are often written 12345678-9
        replace(registrations.credit_code, '-', '') as lookup_code,
        registrations.unit_name
    from registrations
    where registrations.credit_code is not null
),

master_by_org_code as (
    select
        substr(master.credit_code, 9, 9) as org_code,
        min(master.credit_code) as credit_code
    from master
    group by substr(master.credit_code, 9, 9)
),

located as (
    select
        coded.*,
        coalesce(by_credit_code.credit_code, by_org_code.credit_code)
            as master_credit_code,
        case
            when by_credit_code.credit_code is not null then 'credit_code'
            when by_org_code.credit_code is not null then 'org_code'
        end as matched_by
    from coded
    left join master as by_credit_code
        on by_credit_code.credit_code = coded.lookup_code
    left join master_by_org_code as by_org_code
        on length(coded.lookup_code) = 9
        and by_org_code.org_code = coded.lookup_code
),

-- name keys only where the names differ at all: most rows match exactly, and the keys'
-- regular expressions are the expensive part
keyed as (
    select
        located.*,
        master.name as master_name,
        master.former_names as master_former_names,
        case
            when master.name != located.unit_name then unit_name_key(located.unit_name)
        end as name_key,
        case
            when master.name != located.unit_name then unit_name_key(master.name)
        end as master_key
    from located
    left join master on master.credit_code = located.master_credit_code
),

compared as (
    select
        keyed.* exclude (master_former_names, name_key, master_key),
        case
            when keyed.master_name is null then 'new'
            when keyed.unit_name is null then 'no_name'
            when keyed.master_name = keyed.unit_name then 'matched'
            when keyed.name_key = keyed.master_key then 'name_variant'
            when list_contains(
                list_transform(
                    keyed.master_former_names, lambda former: unit_name_key(former)
                ),
                keyed.name_key
            ) then 'former_name'
            else 'name_differs'
        end as match_status,
        case
            when keyed.master_name = keyed.unit_name then 1.0
            else round(jaro_winkler_similarity(keyed.name_key, keyed.master_key), 3)
        end as name_similarity
    from keyed
)

select * from compared
order by compared.source_file, compared.source_row
