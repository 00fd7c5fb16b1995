-- One row per registration carrying a credit code: how it compares with the unit master.
with

registrations as (select * from stg_registrations),

master as (select * from unit_master),

compared as (
    select
        registrations.student_id,
        registrations.source_file,
        registrations.source_row,
        registrations.credit_code,
        registrations.unit_name,
        master.name as master_name,
        case
            when master.credit_code is null then 'new'
            when master.name = registrations.unit_name then 'matched'
            when list_contains(master.former_names, registrations.unit_name) then 'former_name'
            else 'name_differs'
        end as match_status
    from registrations
    left join master on master.credit_code = registrations.credit_code
    where registrations.credit_code is not null
)

select * from compared
order by compared.source_file, compared.source_row
