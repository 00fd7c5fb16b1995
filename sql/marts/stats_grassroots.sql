-- One row per 基层项目 or 应征入伍 destination of placed graduates, with a subtotal per kind
-- (project 小计) and the total (kind 合计).
with

outcomes as (select * from graduate_outcomes),

service as (
    select
        case left(outcomes.national_code, 2)
            when '46' then '应征入伍'
            when '50' then '国家基层项目'
            else '地方基层项目'
        end as project_kind,
        outcomes.national_name as project
    from outcomes
    where outcomes.is_placed and left(outcomes.national_code, 2) in ('46', '50', '51')
),

cells as (
    select
        coalesce(service.project_kind, '合计') as project_kind,
        case
            when grouping(service.project_kind) = 1 then ''
            when grouping(service.project) = 1 then '小计'
            else service.project
        end as project,
        count(*) as count_graduates
    from service
    group by rollup (service.project_kind, service.project)
)

select * from cells
order by cells.project_kind = '合计', cells.project_kind, cells.project = '小计', cells.project
