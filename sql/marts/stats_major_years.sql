-- One row per (earlier year, 学院, 学历层次, 专业): the major's 毕业去向落实率 at the last
-- snapshot stored in that calendar year, over the students registered then (earlier rosters
-- are not kept). Read by the 红牌 rule, which needs consecutive years below its line.
with

snapshots as (select * from registration_snapshots),

settings as (select * from run_settings),

last_of_year as (
    select
        year(snapshots.snapshot_date) as graduation_year,
        max(snapshots.snapshot_date) as snapshot_date
    from snapshots
    cross join settings
    where year(snapshots.snapshot_date) < year(settings.run_date)
    group by year(snapshots.snapshot_date)
),

rates as (
    select
        last_of_year.graduation_year,
        snapshots.college,
        snapshots.degree_level,
        snapshots.major,
        count(*) as count_graduates,
        count(*) filter (
            where snapshots.is_placed
            and coalesce(snapshots.review_status, '审核通过') = '审核通过'
        ) / count(*) as placement_rate
    from snapshots
    inner join last_of_year on last_of_year.snapshot_date = snapshots.snapshot_date
    group by
        last_of_year.graduation_year, snapshots.college, snapshots.degree_level, snapshots.major
)

select * from rates
order by rates.graduation_year, rates.college, rates.degree_level, rates.major
