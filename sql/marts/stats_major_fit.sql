-- One row per (college or 全校, 专业对口度 answer) among employed graduates who answered:
-- count and share of the answers.
with

outcomes as (select * from graduate_outcomes),

answered as (
    select
        outcomes.college,
        outcomes.major_fit
    from outcomes
    where outcomes.is_employed and outcomes.major_fit is not null
),

cells as (
    select
        coalesce(answered.college, '全校') as college,
        answered.major_fit,
        count(*) as count_graduates
    from answered
    group by grouping sets ((answered.major_fit), (answered.college, answered.major_fit))
),

shared as (
    select
        cells.*,
        cells.count_graduates / sum(cells.count_graduates) over (partition by cells.college)
            as share
    from cells
)

select * from shared
order by shared.college != '全校', shared.college, shared.count_graduates desc, shared.major_fit
