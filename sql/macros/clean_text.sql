-- clean_text(value): the cell as pipelines/text/clean.py's clean_text leaves it, empty as null.
-- Zero-width characters, soft hyphen, BOM and control characters (a tab and a line break kept)
-- go; NBSP, the ideographic space and the other odd spaces become spaces; then the ends are
-- trimmed of every character Python's str.strip removes that can still be there: space, tab,
-- line break, U+1680, U+2000, U+2001, U+2028 and U+2029.
create or replace temp macro clean_text(value) as nullif(
    trim(
        regexp_replace(
            regexp_replace(
                value,
                '[\x{200b}\x{200c}\x{200d}\x{2060}\x{feff}\x{ad}\x00-\x08\x0b-\x1f\x7f-\x{9f}]',
                '',
                'g'
            ),
            '[\x{a0}\x{3000}\x{2002}-\x{200a}\x{202f}\x{205f}]',
            ' ',
            'g'
        ),
        ' ' || chr(9) || chr(10) || chr(5760) || chr(8192) || chr(8193) || chr(8232)
        || chr(8233)
    ),
    ''
)
