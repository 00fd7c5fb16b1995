-- One row per file listed in the batch $batch_id, with whether any batch already recorded the
-- student's file as sent.
with

batches as (select * from dispatch_batches),

sent as (select * from dispatch_sent),

listed as (
    select
        batches.*,
        batches.student_id in (select sent.student_id from sent) as is_sent
    from batches
    where batches.batch_id = $batch_id
)

select * from listed
order by listed.receiver, listed.student_id
