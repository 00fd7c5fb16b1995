-- The distinct two-character pieces of a name key (the key itself when it is shorter): the
-- units sharing rare pieces with a name are the candidates for suggesting it.
create or replace macro unit_name_pieces(name_key) as
list_distinct(
    list_transform(
        range(1, greatest(length(name_key), 2)),
        lambda position: substr(name_key, position, 2)
    )
)
