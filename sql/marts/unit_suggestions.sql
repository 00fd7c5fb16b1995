-- Up to three master units per registration whose credit code is missing or wrong, most
-- similar name first. Candidates are the master units sharing one of the three rarest
-- two-character pieces of the name key (pieces found in more than a thousand units, like
-- 科技, cannot tell units apart and are never used); each candidate is scored by the
-- Jaro-Winkler similarity of the keys, and scores under 0.8 are dropped.
with

registrations as (select * from stg_registrations),

findings as (select * from findings),

master as (select * from unit_master),

wanted as (
    select
        registrations.student_id,
        registrations.source_file,
        registrations.source_sheet,
        registrations.source_row,
        registrations.credit_code,
        registrations.unit_name,
        unit_name_key(registrations.unit_name) as name_key
    from registrations
    where
        registrations.unit_name is not null
        and not registrations.is_abroad
        and (
            registrations.credit_code is null
            or exists (
                select 1
                from findings
                where
                    findings.source_file = registrations.source_file
                    and findings.source_row = registrations.source_row
                    and findings.field = 'credit_code'
                    and findings.severity = 'error'
            )
        )
),

master_keys as (
    select
        master.credit_code,
        master.name,
        unit_name_key(master.name) as name_key
    from master
),

master_pieces as (
    select
        master_keys.credit_code,
        unnest(unit_name_pieces(master_keys.name_key)) as piece
    from master_keys
),

piece_counts as (
    select
        master_pieces.piece,
        count(*) as count_units
    from master_pieces
    group by master_pieces.piece
),

wanted_pieces as (
    select
        wanted.source_file,
        wanted.source_row,
        unnest(unit_name_pieces(wanted.name_key)) as piece
    from wanted
),

-- the three rarest pieces of each wanted name are the ones that tell units apart
rare_pieces as (
    select
        wanted_pieces.source_file,
        wanted_pieces.source_row,
        wanted_pieces.piece
    from wanted_pieces
    inner join piece_counts on piece_counts.piece = wanted_pieces.piece
    where piece_counts.count_units <= 1000
    qualify
        row_number() over (
            partition by wanted_pieces.source_file, wanted_pieces.source_row
            order by piece_counts.count_units, wanted_pieces.piece
        ) <= 3
),

candidates as (
    select distinct
        rare_pieces.source_file,
        rare_pieces.source_row,
        master_pieces.credit_code
    from rare_pieces
    inner join master_pieces on master_pieces.piece = rare_pieces.piece
),

scored as (
    select
        wanted.student_id,
        wanted.source_file,
        wanted.source_sheet,
        wanted.source_row,
        wanted.credit_code,
        wanted.unit_name,
        master_keys.credit_code as suggested_credit_code,
        master_keys.name as suggested_name,
        round(jaro_winkler_similarity(wanted.name_key, master_keys.name_key), 3) as score
    from candidates
    inner join wanted
        on wanted.source_file = candidates.source_file
        and wanted.source_row = candidates.source_row
    inner join master_keys on master_keys.credit_code = candidates.credit_code
),

ranked as (
    select
        scored.*,
        row_number() over (
            partition by scored.source_file, scored.source_row
            order by scored.score desc, scored.suggested_credit_code
        ) as suggestion_rank
    from scored
    where scored.score >= 0.8
    qualify suggestion_rank <= 3
),

worded as (
    select
        ranked.*,
        '是否为：' || ranked.suggested_name || '（社会信用代码 '
        || ranked.suggested_credit_code || '，相似度 '
        || printf('%.3f', ranked.score) || '）' as suggestion_text
    from ranked
)

select * from worded
order by worded.source_file, worded.source_row, worded.suggestion_rank
