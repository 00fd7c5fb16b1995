-- One row per dispatch batch: its date, how many files it lists, how many were marked sent
-- and how many of those carry a 运单号.
with

batches as (select * from dispatch_batches),

sent as (select * from dispatch_sent),

counted as (
    select
        batches.batch_id,
        min(batches.run_date) as run_date,
        count(*) as count_files,
        count(sent.student_id) as count_sent,
        count(sent.tracking_no) as count_tracked
    from batches
    left join sent
        on sent.batch_id = batches.batch_id
        and sent.student_id = batches.student_id
    group by batches.batch_id
)

select * from counted
order by counted.batch_id
