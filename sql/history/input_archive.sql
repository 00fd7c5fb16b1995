-- One input file's bytes, keyed by their sha256. Parameters: sha256, file name, run date, path.
with

file_bytes as (select * from read_blob($path)),

archived as (
    select
        $sha256::varchar as sha256,
        $file_name::varchar as file_name,
        $run_date::date as first_run_date,
        file_bytes.size as size_bytes,
        file_bytes.content
    from file_bytes
)

select * from archived
