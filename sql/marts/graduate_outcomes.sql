-- One row per graduate of the cohort: the roster when one was given, else every registered
-- student; with the destination group of the selected 落实率 formula version and the fields
-- the flow tables break down by. No names, ID numbers or phones.
with

registrations as (select * from stg_registrations),

roster as (select * from raw_roster),

settings as (select * from run_settings),

regions as (select * from ref_regions),

cohort as (
    select
        trim(roster.student_id) as student_id,
        roster.college,
        roster.major,
        roster.degree_level,
        roster.gender,
        roster.origin
    from roster
    union all
    select
        registrations.student_id,
        registrations.college,
        registrations.major,
        registrations.degree_level,
        registrations.gender,
        registrations.origin
    from registrations
    where not exists (select 1 from roster)
),

outcomes as (
    select
        cohort.student_id,
        coalesce(registrations.college, cohort.college, '（未填）') as college,
        coalesce(registrations.major, cohort.major, '（未填）') as major,
        coalesce(registrations.degree_level, cohort.degree_level, '（未填）') as degree_level,
        coalesce(registrations.gender, cohort.gender, '（未填）') as gender,
        coalesce(registrations.origin_province_code, '（未知）') as origin_province_code,
        coalesce(origin_province.name, registrations.origin_province_code, '（未知）')
            as origin_province,
        registrations.student_id is not null as is_registered,
        registrations.national_code,
        registrations.national_name,
        case
            when registrations.student_id is null then '未登记'
            when not is_approved then '登记未审核通过'
            when settings.formula_version = '2021'
                then coalesce(registrations.group_2021, '去向未识别')
            else coalesce(registrations.group_2024, '去向未识别')
        end as destination_group,
        coalesce(registrations.is_placed and is_approved, false) as is_placed,
        coalesce(registrations.is_abroad, false) as is_abroad,
        registrations.unit_province_code,
        registrations.industry_section,
        registrations.unit_nature_code,
        registrations.job_category,
        registrations.unit_name,
        registrations.abroad_country,
        registrations.salary_yuan_month,
        registrations.major_fit
    from cohort
    cross join settings
    left join registrations on registrations.student_id = cohort.student_id
    left join regions as origin_province
        on origin_province.code = registrations.origin_province_code
        and origin_province.level = 'province'
    -- only verified registrations count; an export without 审核状态 counts as verified
    cross join lateral (
        select coalesce(registrations.review_status, '审核通过') = '审核通过' as is_approved
    )
),

-- 升学 is reported split into 境内升学 (80x) and 境外留学 (85) under both formula versions
detailed as (
    select
        outcomes.*,
        outcomes.is_placed and left(outcomes.national_code, 2) in ('80', '85')
            as is_further_study,
        outcomes.is_placed and left(outcomes.national_code, 2) not in ('80', '85')
            as is_employed,
        case
            when outcomes.destination_group = '升学' and outcomes.is_abroad then '境外留学'
            when outcomes.destination_group = '升学' then '境内升学'
            else outcomes.destination_group
        end as destination_subgroup
    from outcomes
)

select * from detailed
order by detailed.student_id
