-- 出国地区 of a student going abroad that is not a real country or region outside the
-- mainland (GB/T 2659, with the usual Chinese short names). One row per registration.
with

registrations as (select * from stg_registrations),

countries as (select * from ref_countries),

aliases as (select * from ref_country_aliases),

known_names as (
    select countries.name_zh as name from countries
    union all
    select countries.alpha2 from countries
    union all
    select countries.alpha3 from countries
    union all
    select upper(countries.name_en) from countries
    union all
    select aliases.alias from aliases
),

unknown_country as (
    select
        registrations.student_id,
        'abroad_country' as field,
        'abroad_country.unknown' as rule_id,
        registrations.abroad_country as value,
        '' as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        registrations.is_abroad
        and registrations.abroad_country is not null
        and (
            registrations.abroad_country in ('中国', 'CN', 'CHN', '中华人民共和国')
            or upper(registrations.abroad_country) not in (
                select known_names.name from known_names where known_names.name is not null
            )
        )
)

select * from unknown_country
