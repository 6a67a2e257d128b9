-- String functions: results, result types and errors as PostgreSQL 15.
select lower('ABC déF'), upper('abc déf'), initcap('hello wORLD-foo bar_baz 1st');
select substr('abcdef', 3), substr('abcdef', 2, 3), substr('abcdef', -1, 3), substr('abcdef', 0), substr('héllo', 2, 2);
select substring('abcdef' from 2 for 3), substring('abcdef' from 4), substring('abcdef' for 2), substring('abc', 5);
select substr('abc', 1, -1);
select position('cd' in 'abcdef'), position('' in 'abc'), position('z' in 'abc'), strpos('héllo', 'l');
select repeat('ab', 3), repeat('x', 0), repeat('x', -2), replace('abcabc', 'b', 'XY'), replace('abc', '', 'z');
select lpad('hi', 5), lpad('hi', 5, 'xy'), lpad('hello', 3), lpad('hi', 5, ''), rpad('hi', 5, '*'), rpad('hi', -1);
select btrim('  x  ') || '|', ltrim('  x  ') || '|', rtrim('  x  ') || '|', btrim('xyxabcyx', 'xy'), ltrim('zzabc', 'z'), rtrim('abczz', 'z');
select trim(both 'x' from 'xxaxx'), trim(leading from '  a  ') || '|', trim(trailing 'b' from 'abb'), trim('  t  ') || '|';
select left('abcde', 2), left('abcde', -2), right('abcde', 2), right('abcde', -2), left('ab', 10), reverse('héllo');
select split_part('a,b,c', ',', 2), split_part('a,b,c', ',', 4), split_part('a,b,c', ',', -1), split_part('abc', '', 1), split_part('', ',', 1);
select split_part('a,b', ',', 0);
select translate('12345', '143', 'ax'), ascii('A'), ascii('é'), ascii(''), chr(65), chr(233);
select chr(0);
select to_hex(255), to_hex(-1), to_hex(1234567890123::int8), md5(''), md5('abc'), md5('The quick brown fox jumps over the lazy dog');
select quote_literal('it''s'), quote_literal('back\slash'), quote_ident('abc'), quote_ident('Abc'), quote_ident('a"b');
select starts_with('alphabet', 'alph'), starts_with('alphabet', 'b'), char_length('héllo'), character_length('ab '::char(4));
select concat('a', 1, null, true, 2.5), concat_ws('-', 'a', null, 'b', 3), concat_ws(null, 'a'), concat();
select lower(null), substr('abc', null), repeat(null, 2), concat_ws(',', null);
-- string_to_array and gen_random_uuid.
select string_to_array('a,b,,c', ','), string_to_array('abc', ''), string_to_array('', ','), string_to_array('a,b,NULL', ',', 'NULL');
select string_to_array('1||2||3', '||'), array_length(string_to_array('x y z', ' '), 1);
select length(gen_random_uuid()::text), gen_random_uuid() <> gen_random_uuid(), substr(gen_random_uuid()::text, 15, 1);
select count(distinct u) from (select gen_random_uuid() u from generate_series(1, 50)) s;
