-- The night whose run last saved a copy of the unit master (one row, or none yet).
create table if not exists unit_master_night (night_date date)
