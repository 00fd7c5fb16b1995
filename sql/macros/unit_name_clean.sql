-- A unit name with formatting noise removed: full-width letters, digits and brackets made
-- half-width, every kind of space dropped, letters upper-case, and 有限责任公司 written as
-- 有限公司 (the same legal form, spelt both ways on agreements). Two names with the same clean
-- form are the same name.
create or replace macro unit_name_clean(name) as
replace(
    upper(
        regexp_replace(
            translate(
                name,
                '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～【】〔〕',
                '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~()()'
            ),
            '[\s\x{3000}\x{00A0}\x{200B}\x{FEFF}]',
            '',
            'g'
        )
    ),
    '有限责任公司',
    '有限公司'
)
