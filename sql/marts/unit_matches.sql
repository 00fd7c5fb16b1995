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

compared as (
    select
        located.*,
        master.name as master_name,
        case
            when master.credit_code is null then 'new'
            when located.unit_name is null then 'no_name'
            when master.name = located.unit_name then 'matched'
            when unit_name_key(master.name) = unit_name_key(located.unit_name)
                then 'name_variant'
            when list_contains(
                list_transform(master.former_names, lambda former: unit_name_key(former)),
                unit_name_key(located.unit_name)
            ) then 'former_name'
            else 'name_differs'
        end as match_status,
        round(
            jaro_winkler_similarity(
                unit_name_key(master.name), unit_name_key(located.unit_name)
            ),
            3
        ) as name_similarity
    from located
    left join master on master.credit_code = located.master_credit_code
)

select * from compared
order by compared.source_file, compared.source_row
