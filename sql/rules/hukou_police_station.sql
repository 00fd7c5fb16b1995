-- 落户派出所 must stay empty when the student's 户口 is not moved (户口未迁入 / 不迁).
-- One row per registration.
with

registrations as (select * from stg_registrations),

station_without_move as (
    select
        registrations.student_id,
        'hukou_police_station' as field,
        'hukou_police_station.not_moved' as rule_id,
        registrations.hukou_police_station as value,
        registrations.hukou_address as other,
        '' as expected,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row
    from registrations
    where
        registrations.hukou_police_station is not null
        and (
            registrations.hukou_address like '%未迁%'
            or registrations.hukou_address like '%不迁%'
        )
)

select * from station_without_move
