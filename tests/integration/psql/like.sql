-- LIKE, NOT LIKE, ILIKE and ESCAPE on text, char(n), name and bytea.
select 'abc' like 'abc', 'abc' like 'a%', 'abc' like '_b_', 'abc' like 'a_', 'abc' not like 'a%', 'abc' like '%';
select 'héllo' like 'h_llo', 'héllo' like 'h%o', '' like '', '' like '%', '' like '_', 'a%b' like 'a\%b', 'axb' like 'a\%b';
select 'a_b' like 'a$_b' escape '$', 'axb' like 'a$_b' escape '$', 'a\b' like 'a\b' escape '', 'a$b' like 'a$$b' escape '$';
select 'abc' like 'abc\';
select 'abc' like 'a' escape 'xy';
select 'ABC' ilike 'abc', 'ABC' not ilike 'a%', 'ÉTÉ' ilike 'été', 'abc' ~~ 'a%', 'abc' !~~ 'a%', 'ABC' ~~* 'a%', 'ABC' !~~* 'a%';
select 'ab '::char(3) like 'ab', 'ab '::char(3) like 'ab%', 'ab'::name like 'a%', 'ab'::bytea like 'a%'::bytea, 'ab'::bytea not like '_'::bytea;
select null like 'a', 'a' like null;
create temp table fruit (x text);
insert into fruit values ('apple'), ('banana'), ('avocado'), (null);
select x from fruit where x like 'a%' order by x;
select x from fruit where x not ilike 'A%' order by x;
select like('abc', 'a%'), notlike('abc', 'a%'), like_escape('a$_b', '$');
