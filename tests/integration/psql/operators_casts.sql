-- Integer bitwise operators, prefix @ |/ ||/ and ^, function-style casts, FROM column aliases.
select 12 & 10, 12 | 10, 12 # 10, ~12, 1 << 4, 256 >> 4, -1 >> 1;
select 12::int2 & 10::int2, ~0::int2, (-1::int2) << 15, 1::int2 << 16, 5::int8 << 62, -8::int8 >> 1;
select (-1::int4 << 31)::text, ((-1::int4 << 31) + 1)::text, 1 << 33;
select @ -5, @ -5.5, |/ 16.0, ||/ 27.0, 2 ^ 10, 2.0::float8 ^ 0.5;
select float8(1::int8), int4(2.7::float8), text(12), int8('42'), bool(1), float4(1.5), varchar(12.5);
select int2(70000);
select int4('x');
create temp table ca (a int4, b text);
insert into ca values (1, 'x');
select * from ca as t (p);
select t.p, t.b from ca t (p);
select * from ca as t (p, q, r);
