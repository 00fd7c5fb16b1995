-- One row per major (学院, 学历层次, 专业) whose 毕业去向落实率 is below the 黄牌 or 红牌 line
-- of report_thresholds. A 红牌 needs the rate below its line in several consecutive years;
-- with one year of data the line is shown and the card stays 黄牌.
with

outcomes as (select * from graduate_outcomes),

thresholds as (select * from report_thresholds),

majors as (
    select
        outcomes.college,
        outcomes.degree_level,
        outcomes.major,
        count(*) as count_graduates,
        count(*) filter (where outcomes.is_placed) as count_placed,
        count(*) filter (where outcomes.is_placed) / count(*) as placement_rate
    from outcomes
    group by outcomes.college, outcomes.degree_level, outcomes.major
),

carded as (
    select
        majors.*,
        case
            when majors.placement_rate < thresholds.red_card_below
                and thresholds.red_card_years <= 1
                then '红牌'
            else '黄牌'
        end as card,
        majors.placement_rate < thresholds.red_card_below as is_below_red_line
    from majors
    cross join thresholds
    where
        majors.placement_rate < thresholds.yellow_card_below
        or majors.placement_rate < thresholds.red_card_below
)

select * from carded
order by carded.placement_rate, carded.college, carded.major
