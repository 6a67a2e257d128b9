-- bytea, char(n)/varchar(n) and uuid: input, output, casts, comparisons, errors.
select '\x0aFF'::bytea, '\x'::bytea, 'abc'::bytea, 'a\\b'::bytea, '\001\377'::bytea;
select '\x 0a ff'::bytea;
select '\x0'::bytea;
select '\xzz'::bytea;
select 'a\q'::bytea;
select '\\'::bytea, 'x\000y'::bytea;
select '\x01'::bytea = '\x01'::bytea, '\x01'::bytea < '\x0100'::bytea, '\x02'::bytea > '\x0100'::bytea;
select '\x01'::bytea || '\x02'::bytea, length('\x0102'::bytea), octet_length('abc'::bytea);
select 'abc'::char(5), 'abc'::character(5) || '|', 'abcdef'::char(3), 'ab'::bpchar, 'x'::char;
select length('ab   '::char(5)), length('ab  '::varchar(5)), length('ab  '::text), octet_length('ab'::char(4));
select 'ab'::char(3) = 'ab'::char(5), 'ab '::char(3) = 'ab'::char(3), 'a'::char(3) < 'b'::char(1);
select 'ab'::char(4)::text || '|', 'ab'::char(4)::varchar || '|', 'ab  '::text::char(4) || '|';
select 'abcd'::varchar(2), cast('abcd' as character varying(3)), 'ab  '::varchar(2);
select cast('abcd' as char(10)), 'é'::char(3), length('éé'::char(3));
select 'abc'::char(0);
select '12345678-1234-1234-1234-123456789abc'::uuid, '{12345678123412341234123456789ABC}'::uuid;
select 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid, 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid;
select '12345678-1234-1234-1234-123456789ab'::uuid;
select '{12345678-1234-1234-1234-123456789abc'::uuid;
select 'g2345678-1234-1234-1234-123456789abc'::uuid;
select '12345678-1234-1234-1234-123456789abc'::uuid = '12345678123412341234123456789abc'::uuid,
       '00000000-0000-0000-0000-000000000001'::uuid < '10000000-0000-0000-0000-000000000000'::uuid;
select '12345678-1234-1234-1234-123456789abc'::uuid::text, 'x'::text::bytea, 1::text::char(3);
select null::bytea, null::uuid, null::char(2);
