-- The form used to decide whether two unit names mean the same unit: the clean name without
-- the noise students add or drop — a leading province (上海、上海市、广西壮族自治区), a place in
-- brackets (（上海）、(中国)), the legal-form ending (股份有限公司, 有限公司, 公司) and
-- brackets themselves. Equal keys are normal variation; different keys need a look.
create or replace macro unit_name_key(name) as
regexp_replace(
    regexp_replace(
        regexp_replace(
            regexp_replace(
                unit_name_clean(name),
                '^(北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西'
                || '|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾'
                || '|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)'
                || '(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)?',
                ''
            ),
            '\(\p{Han}{2,3}[省市]?\)',
            '',
            'g'
        ),
        '(股份有限公司|有限公司|公司)$',
        ''
    ),
    '[()]',
    '',
    'g'
)
