-- One row per destination group of the selected formula: graduates and share of the cohort.
with

outcomes as (select * from graduate_outcomes),

grouped as (
    select
        outcomes.destination_group,
        count(*) as count_graduates,
        count(*) / (select count(*) from outcomes) as share
    from outcomes
    group by outcomes.destination_group
)

select * from grouped
order by grouped.count_graduates desc, grouped.destination_group
