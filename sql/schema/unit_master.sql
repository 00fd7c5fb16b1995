-- Every unit that ever employed or admitted a graduate of the school, kept across runs.
-- One row per 18-character credit code; former_names lists the names it had before.
create table if not exists unit_master (
    credit_code varchar primary key,
    name varchar,
    address varchar,
    region_code varchar,
    industry_section varchar,
    unit_nature_code varchar,
    first_seen_date date,
    last_seen_date date,
    count_graduates bigint,
    former_names varchar[]
)
