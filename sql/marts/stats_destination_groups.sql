-- One row per destination group of the selected formula, then one per part of 升学
-- (境内升学, 境外留学): graduates and their share of the cohort (the group's sub-rate).
with

outcomes as (select * from graduate_outcomes),

group_order as (
    select * from (
        values
        ('单位就业', 1), ('协议和合同就业', 1), ('灵活就业', 2), ('自主创业', 3),
        ('自由职业', 4), ('升学', 5), ('未就业', 6), ('暂不就业', 7),
        ('登记未审核通过', 8), ('去向未识别', 9), ('未登记', 10)
    ) as listed (destination_group, position)
),

cells as (
    select
        outcomes.destination_group,
        coalesce(outcomes.destination_subgroup, '') as destination_subgroup,
        bool_or(outcomes.is_placed) as is_placed,
        count(*) as count_graduates,
        count(*) / (select count(*) from outcomes) as share
    from outcomes
    group by grouping sets (
        (outcomes.destination_group),
        (outcomes.destination_group, outcomes.destination_subgroup)
    )
    having
        grouping(outcomes.destination_subgroup) = 1
        or outcomes.destination_group = '升学'
),

ordered as (
    select
        cells.*,
        coalesce(group_order.position, 99) as position
    from cells
    left join group_order on group_order.destination_group = cells.destination_group
)

select * from ordered
order by ordered.destination_subgroup != '', ordered.position, ordered.destination_subgroup
