-- One row per student whose file was already mailed and whose registration now points
-- elsewhere: another destination, receiving body, address or contact, or the registration is
-- no longer an approved 本科/专科 one. Compares the latest mailing of each student with
-- tonight's route in dispatch_list.
with

sent as (select * from dispatch_sent),

tonight as (select * from dispatch_list),

registrations as (select * from stg_registrations),

latest_sent as (
    select
        sent.*,
        row_number() over (
            partition by sent.student_id
            order by sent.sent_date desc, sent.recorded_at desc
        ) as recency_rank
    from sent
),

compared as (
    select
        latest_sent.student_id,
        latest_sent.name,
        latest_sent.college,
        latest_sent.counsellor,
        latest_sent.batch_id,
        latest_sent.sent_date,
        latest_sent.tracking_no,
        latest_sent.receiver as sent_receiver,
        case
            when registrations.student_id is null then '本次导出中已没有该生的登记'
            when coalesce(registrations.review_status, '') != '审核通过'
                then '审核状态变为“' || coalesce(registrations.review_status, '空') || '”'
            when tonight.student_id is null
                then '学历变为“' || coalesce(registrations.degree_level, '空') || '”'
            else concat_ws(
                '；',
                case when tonight.destination_name is distinct from latest_sent.destination_name
                    then '毕业去向：' || coalesce(latest_sent.destination_name, '空')
                        || ' → ' || coalesce(tonight.destination_name, '空')
                end,
                case when tonight.receiver is distinct from latest_sent.receiver
                    then '收件单位：' || coalesce(latest_sent.receiver, '空')
                        || ' → ' || coalesce(tonight.receiver, '空')
                end,
                case when tonight.address is distinct from latest_sent.address
                    then '地址：' || coalesce(latest_sent.address, '空')
                        || ' → ' || coalesce(tonight.address, '空')
                end,
                case when tonight.recipient is distinct from latest_sent.recipient
                    then '收件人：' || coalesce(latest_sent.recipient, '空')
                        || ' → ' || coalesce(tonight.recipient, '空')
                end,
                case when tonight.phone is distinct from latest_sent.phone
                    then '电话：' || coalesce(latest_sent.phone, '空')
                        || ' → ' || coalesce(tonight.phone, '空')
                end
            )
        end as change_description
    from latest_sent
    left join registrations on registrations.student_id = latest_sent.student_id
    left join tonight on tonight.student_id = latest_sent.student_id
    where latest_sent.recency_rank = 1
),

changed as (
    select compared.*
    from compared
    where compared.change_description != ''
)

select * from changed
order by changed.college, changed.counsellor, changed.student_id
