-- Every distinct place text of 生源地 and 单位所在地, for the region resolver.
-- One row per distinct text.
with

registrations as (select * from norm_registrations),

texts as (
    select registrations.origin as region_text from registrations
    union
    select registrations.unit_region as region_text from registrations
)

select * from texts
where texts.region_text is not null
order by texts.region_text
