-- One row per major (学院, 学历层次, 专业) whose 毕业去向落实率 is below the 黄牌 or 红牌 line
-- of report_thresholds. A 红牌 needs the rate below its line this year and in each of the
-- years before, red_card_years in all, as stats_major_years remembers them.
with

outcomes as (select * from graduate_outcomes),

thresholds as (select * from report_thresholds),

settings as (select * from run_settings),

history as (select * from stats_major_years),

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

earlier_years_below as (
    select
        majors.college,
        majors.degree_level,
        majors.major,
        count(history.graduation_year) as count_years
    from majors
    cross join thresholds
    cross join settings
    left join history
        on history.college = majors.college
        and history.degree_level = majors.degree_level
        and history.major = majors.major
        and history.graduation_year >= year(settings.run_date) - thresholds.red_card_years + 1
        and history.placement_rate < thresholds.red_card_below
    group by majors.college, majors.degree_level, majors.major
),

carded as (
    select
        majors.*,
        case
            when majors.placement_rate < thresholds.red_card_below
                and earlier_years_below.count_years >= thresholds.red_card_years - 1
                then '红牌'
            else '黄牌'
        end as card,
        case
            when majors.placement_rate < thresholds.red_card_below
                then earlier_years_below.count_years + 1
            else 0
        end as count_years_below_red_line
    from majors
    cross join thresholds
    inner join earlier_years_below
        on earlier_years_below.college = majors.college
        and earlier_years_below.degree_level = majors.degree_level
        and earlier_years_below.major = majors.major
    where
        majors.placement_rate < thresholds.yellow_card_below
        or majors.placement_rate < thresholds.red_card_below
)

select * from carded
order by carded.card = '黄牌', carded.placement_rate, carded.college, carded.major
