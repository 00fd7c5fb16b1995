-- One row per (stored nightly snapshot, 全校 or 学院): the cohort's placed graduates and
-- 毕业去向落实率 as registered that night, and the change since the snapshot a week before.
-- Snapshots of earlier calendar years belong to earlier cohorts and are left out.
with

all_snapshots as (select * from registration_snapshots),

settings as (select * from run_settings),

snapshots as (
    select all_snapshots.*
    from all_snapshots
    cross join settings
    where year(all_snapshots.snapshot_date) = year(settings.run_date)
),

outcomes as (select * from graduate_outcomes),

-- the same denominator at every snapshot: tonight's cohort
cohort_sizes as (
    select
        coalesce(outcomes.college, '全校') as scope,
        count(*) as count_graduates
    from outcomes
    group by grouping sets ((), (outcomes.college))
),

placed as (
    select
        snapshots.snapshot_date,
        coalesce(outcomes.college, '全校') as scope,
        count(*) filter (
            where snapshots.is_placed
            and coalesce(snapshots.review_status, '审核通过') = '审核通过'
        ) as count_placed
    from snapshots
    inner join outcomes on outcomes.student_id = snapshots.student_id
    group by grouping sets (
        (snapshots.snapshot_date), (snapshots.snapshot_date, outcomes.college)
    )
),

rates as (
    select
        placed.snapshot_date,
        placed.scope,
        cohort_sizes.count_graduates,
        placed.count_placed,
        placed.count_placed / cohort_sizes.count_graduates as placement_rate
    from placed
    inner join cohort_sizes on cohort_sizes.scope = placed.scope
),

with_last_week as (
    select
        rates.*,
        week_before.snapshot_date as week_before_date,
        rates.placement_rate - week_before.placement_rate as change_since_week_before
    from rates
    asof left join rates as week_before
        on week_before.scope = rates.scope
        and week_before.snapshot_date <= rates.snapshot_date - interval 7 day
)

select * from with_last_week
order by with_last_week.scope != '全校', with_last_week.scope, with_last_week.snapshot_date
