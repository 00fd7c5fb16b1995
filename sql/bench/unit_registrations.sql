-- Synthetic registrations for the matching benchmark, drawn from bench_known (the master's
-- units) and bench_unseen (units it has never seen). Per hundred rows: 78 exact, 8 with
-- 有限责任公司 or a leading province, 3 with a typo, 3 with a legacy 9-character code, 2
-- without a code, 2 with a wrong check character and 4 from unseen units; half of the rows
-- without a usable code also carry a typo or a leading province.
create or replace table stg_registrations as
with

known as (select * from bench_known),

unseen as (select * from bench_unseen),

sizes as (
    select
        (select count(*) from known) as count_known,
        (select count(*) from unseen) as count_unseen
),

draws as (
    select
        range as row_number,
        hash(range, $seed) % sizes.count_known as known_n,
        hash(range, $seed) % sizes.count_unseen as unseen_n,
        hash(range, $seed + 1) % 100 as kind
    from range($rows)
    cross join sizes
),

picked as (
    select
        draws.row_number,
        draws.kind,
        case when draws.kind >= 96 then unseen.credit_code else known.credit_code end
            as true_code,
        case when draws.kind >= 96 then unseen.name else known.name end as true_name
    from draws
    inner join known on known.n = draws.known_n
    inner join unseen on unseen.n = draws.unseen_n
),

varied as (
    select
        'S' || lpad(picked.row_number::varchar, 7, '0') as student_id,
        'bench.csv' as source_file,
        'bench' as source_sheet,
        picked.row_number + 2 as source_row,
        case
            when picked.kind between 89 and 91 then substr(picked.true_code, 9, 9)
            when picked.kind between 92 and 93 then null
            when picked.kind between 94 and 95
                then substr(picked.true_code, 1, 17)
                || case when right(picked.true_code, 1) = '0' then '1' else '0' end
            else picked.true_code
        end as credit_code,
        case
            when picked.kind between 78 and 81
                then replace(picked.true_name, '有限公司', '有限责任公司')
            when picked.kind between 82 and 85 or picked.kind = 95
                then '上海' || picked.true_name
            when picked.kind between 86 and 88 or picked.kind = 93
                then substr(picked.true_name, 1, 2) || '甲' || substr(picked.true_name, 4)
            else picked.true_name
        end as unit_name,
        picked.kind between 94 and 95 as is_bad_code,
        picked.true_code as true_credit_code,
        false as is_abroad
    from picked
)

select * from varied
