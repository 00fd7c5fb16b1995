-- One row per registered student (duplicates already settled), with national codes attached.
with

-- rowid (the reading order) is visible only on the table itself, so the import takes it along;
-- the joins below would otherwise leave the rows in any order
registrations as (select norm_registrations.rowid as row_order, * from norm_registrations),

platform_labels as (select * from platform_destination_keys),

national as (select * from ref_destinations),

unit_natures as (select * from ref_unit_natures),

nature_aliases as (select * from ref_unit_nature_aliases),

industries as (select * from ref_industries),

-- 教育 is both a section (P) and a division (83): one section per name, whichever level.
industry_names as (
    select
        industries.name,
        min(industries.section) as section
    from industries
    group by industries.name
),

regions as (select * from resolved_regions),

coded as (
    select
        registrations.*,
        coalesce(
            registrations.destination_code,
            exact_label.national_code,
            any_sub_label.national_code,
            code_label.code
        ) as national_code
    from registrations
    left join platform_labels as exact_label
        on exact_label.destination = registrations.destination
        and exact_label.sub_destination = registrations.sub_destination
    left join platform_labels as any_sub_label
        on any_sub_label.destination = registrations.destination
        and any_sub_label.sub_destination = ''
    left join national as code_label
        on code_label.code = registrations.destination
),

classified as (
    select
        coded.*,
        national.name as national_name,
        national.group_2024,
        national.group_2021,
        coalesce(national.is_placed = 'true', false) as is_placed,
        coalesce(national.is_abroad = 'true', false) as is_abroad,
        coalesce(nature_by_code.code, nature_by_name.code, nature_by_alias.code)
            as unit_nature_code,
        coalesce(industry_by_code.section, industry_by_name.section) as industry_section,
        origin_region.region_code as origin_region_code,
        origin_region.province_code as origin_province_code,
        unit_region.region_code as unit_region_code,
        unit_region.province_code as unit_province_code
    from coded
    left join national on national.code = coded.national_code
    left join unit_natures as nature_by_code on nature_by_code.code = coded.unit_nature
    left join unit_natures as nature_by_name on nature_by_name.name = coded.unit_nature
    left join nature_aliases as nature_by_alias on nature_by_alias.alias = coded.unit_nature
    left join industries as industry_by_code on industry_by_code.code = coded.industry
    left join industry_names as industry_by_name on industry_by_name.name = coded.industry
    left join regions as origin_region on origin_region.region_text = coded.origin
    left join regions as unit_region on unit_region.region_text = coded.unit_region
)

select * exclude (row_order) from classified
order by classified.row_order
