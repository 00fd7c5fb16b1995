-- One row per (学院, destination group or part of 升学): graduates and their share of the
-- college's graduates, for the college packages.
with

outcomes as (select * from graduate_outcomes),

cells as (
    select
        outcomes.college,
        outcomes.destination_subgroup,
        count(*) as count_graduates,
        count(*) / sum(count(*)) over (partition by outcomes.college) as share
    from outcomes
    group by outcomes.college, outcomes.destination_subgroup
)

select * from cells
order by cells.college, cells.count_graduates desc, cells.destination_subgroup
