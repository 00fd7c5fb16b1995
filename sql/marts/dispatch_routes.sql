-- One row per 审核通过 registration of a 本科/专科 graduate: the body that receives the
-- personnel file and the mailing fields as far as the data can tell.
-- Routing comes from reference_data/dispatch_routing.csv: the rule with the lowest priority
-- whose every filled condition holds decides whether the file goes to the 档案单位 the student
-- entered, to the unit itself, or to the authority of the unit's region or of the 生源地.
-- The form has no postcode for the archive address, so it is taken from the unit's 邮编 when
-- the archive unit is the signing unit, or from the authority table when it is a known body.
with

registrations as (select * from stg_registrations),

authorities as (select * from ref_authorities),

routing as (select * from ref_dispatch_routing),

eligible as (
    select registrations.*
    from registrations
    where
        registrations.review_status = '审核通过'
        and coalesce(registrations.degree_level, '') not in ('硕士研究生', '博士研究生')
),

rules as (
    select
        routing.priority::integer as priority,
        routing.has_archive_unit,
        string_split(routing.training_modes, '|') as training_modes,
        string_split(routing.destination_codes, '|') as destination_prefixes,
        string_split(routing.unit_nature_codes, '|') as unit_nature_codes,
        routing.route,
        routing.send_to
    from routing
),

ranked_rules as (
    select
        eligible.student_id,
        rules.route,
        rules.send_to,
        row_number() over (
            partition by eligible.student_id
            order by rules.priority
        ) as rule_rank
    from eligible
    inner join rules
        on (
            rules.has_archive_unit is null
            or (rules.has_archive_unit = '是') = (eligible.archive_unit is not null)
        )
        and (
            rules.training_modes is null
            or list_contains(rules.training_modes, eligible.training_mode)
        )
        and (
            rules.destination_prefixes is null
            or len(list_filter(
                rules.destination_prefixes,
                lambda prefix: starts_with(eligible.national_code, prefix)
            )) > 0
        )
        and (
            rules.unit_nature_codes is null
            or list_contains(rules.unit_nature_codes, eligible.unit_nature_code)
        )
),

-- bodies that said they no longer receive files are never chosen
receiving_authorities as (
    select authorities.*
    from authorities
    where coalesce(authorities.accepts_archives, '') not in ('否', 'false')
),

routed as (
    select
        eligible.*,
        ranked_rules.route,
        ranked_rules.send_to,
        case ranked_rules.send_to
            when '单位所在地主管部门' then eligible.unit_region_code
            when '生源地主管部门' then eligible.origin_region_code
        end as authority_region_code
    from eligible
    left join ranked_rules
        on ranked_rules.student_id = eligible.student_id
        and ranked_rules.rule_rank = 1
),

region_authority as (
    select
        routed.student_id,
        receiving_authorities.org_name,
        receiving_authorities.address,
        receiving_authorities.postcode,
        receiving_authorities.recipient_dept,
        receiving_authorities.phone,
        receiving_authorities.channel,
        receiving_authorities.region_code,
        -- several bodies for one region: the one with an address, then by name, so that
        -- the choice does not change from night to night
        row_number() over (
            partition by routed.student_id
            order by
                length(receiving_authorities.region_code) desc,
                receiving_authorities.address is null,
                receiving_authorities.org_name
        ) as specificity_rank
    from routed
    inner join receiving_authorities
        on starts_with(routed.authority_region_code, receiving_authorities.region_code)
),

-- a student-entered archive unit may be one of the bodies in the authority table
named_authority as (
    select
        routed.student_id,
        receiving_authorities.postcode,
        receiving_authorities.channel,
        receiving_authorities.region_code,
        row_number() over (
            partition by routed.student_id
            order by
                length(receiving_authorities.region_code) desc,
                receiving_authorities.postcode is null
        ) as name_rank
    from routed
    inner join receiving_authorities
        on receiving_authorities.org_name = routed.archive_unit
    where routed.send_to = '档案单位'
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
        routed.national_code,
        routed.route,
        routed.send_to,
        case routed.send_to
            when '档案单位' then routed.archive_unit
            when '单位' then routed.unit_name
            else region_authority.org_name
        end as receiver,
        case routed.send_to
            when '档案单位' then routed.archive_address
            when '单位' then routed.unit_address
            else region_authority.address
        end as address,
        case
            when routed.send_to = '单位' then routed.unit_postcode
            when routed.send_to != '档案单位' then region_authority.postcode
            when routed.archive_unit = routed.unit_name then routed.unit_postcode
            when routed.archive_address = routed.unit_address then routed.unit_postcode
            else named_authority.postcode
        end as postcode,
        case
            when routed.send_to = '单位' then '单位邮编'
            when routed.send_to != '档案单位' then '主管单位表'
            when routed.archive_unit = routed.unit_name then '单位邮编（档案单位即签约单位）'
            when routed.archive_address = routed.unit_address
                then '单位邮编（档案地址即单位地址）'
            when named_authority.student_id is not null then '主管单位表'
        end as postcode_source,
        case routed.send_to
            when '档案单位' then routed.archive_recipient
            when '单位' then routed.unit_contact
            else region_authority.recipient_dept
        end as recipient,
        case routed.send_to
            when '档案单位' then routed.archive_phone
            when '单位' then routed.unit_phone
            else region_authority.phone
        end as phone,
        -- the province the file travels to, when the data names it; otherwise the address
        -- is read in Python
        case
            when routed.send_to = '单位' then routed.unit_province_code
            when routed.send_to != '档案单位' then left(region_authority.region_code, 2)
            when routed.archive_unit = routed.unit_name then routed.unit_province_code
            else left(named_authority.region_code, 2)
        end as receiving_province_code,
        case
            when routed.send_to = '档案单位' then named_authority.channel
            else region_authority.channel
        end as authority_channel,
        routed.transfer_no,
        routed.source_file,
        routed.source_row
    from routed
    left join region_authority
        on region_authority.student_id = routed.student_id
        and region_authority.specificity_rank = 1
    left join named_authority
        on named_authority.student_id = routed.student_id
        and named_authority.name_rank = 1
)

select * from addressed
order by addressed.receiver, addressed.student_id
