-- One row per 审核通过 registration of a 本科/专科 graduate: the body that receives the
-- personnel file and the mailing fields as far as the data can tell.
-- Routing: what the student entered in 档案单位 wins; else 升学 goes to the admitting school,
-- a unit with personnel-file authority (机关, 事业单位, 国有企业, 部队) receives it itself, and
-- everyone else goes to the authority of their 生源地 (most specific region first).
with

registrations as (select * from stg_registrations),

authorities as (select * from ref_authorities),

eligible as (
    select registrations.*
    from registrations
    where
        registrations.review_status = '审核通过'
        and coalesce(registrations.degree_level, '') not in ('硕士研究生', '博士研究生')
),

origin_authority as (
    select
        eligible.student_id,
        authorities.org_name,
        authorities.address,
        authorities.postcode,
        authorities.recipient_dept,
        authorities.phone,
        row_number() over (
            partition by eligible.student_id
            order by length(authorities.region_code) desc
        ) as specificity_rank
    from eligible
    inner join authorities
        on starts_with(eligible.origin_region_code, authorities.region_code)
),

routed as (
    select
        eligible.*,
        case
            when eligible.archive_unit is not null then '学生填写'
            when left(eligible.national_code, 2) = '80' then '录取学校'
            when eligible.unit_nature_code in ('10', '20', '21', '22', '23', '29', '31', '40')
                then '用人单位'
            else '生源地主管部门'
        end as route
    from eligible
),

addressed as (
    select
        routed.student_id,
        routed.name,
        routed.college,
        routed.major,
        routed.degree_level,
        routed.counsellor,
        coalesce(routed.national_name, routed.destination) as destination_name,
        routed.route,
        case routed.route
            when '学生填写' then routed.archive_unit
            when '生源地主管部门' then origin_authority.org_name
            else routed.unit_name
        end as receiver,
        case routed.route
            when '学生填写' then routed.archive_address
            when '生源地主管部门' then origin_authority.address
            else routed.unit_address
        end as address,
        case
            when routed.route in ('录取学校', '用人单位') then routed.unit_postcode
            when routed.route = '生源地主管部门' then origin_authority.postcode
            when routed.archive_unit = routed.unit_name then routed.unit_postcode
            when routed.archive_unit = origin_authority.org_name then origin_authority.postcode
        end as postcode,
        case routed.route
            when '学生填写' then routed.archive_recipient
            when '生源地主管部门' then origin_authority.recipient_dept
            else routed.unit_contact
        end as recipient,
        case routed.route
            when '学生填写' then routed.archive_phone
            when '生源地主管部门' then origin_authority.phone
            else routed.unit_phone
        end as phone,
        routed.transfer_no,
        routed.source_file,
        routed.source_row
    from routed
    left join origin_authority
        on origin_authority.student_id = routed.student_id
        and origin_authority.specificity_rank = 1
)

select * from addressed
order by addressed.receiver, addressed.student_id
