-- One row: registrations not on tonight's dispatch list, by why.
with

registrations as (select * from stg_registrations),

counted as (
    select
        count(*) filter (
            where registrations.degree_level in ('硕士研究生', '博士研究生')
            and registrations.review_status = '审核通过'
        ) as count_postgraduates,
        count(*) filter (
            where coalesce(registrations.review_status, '') != '审核通过'
        ) as count_not_approved
    from registrations
)

select * from counted
