-- inet, cidr, macaddr, macaddr8: text I/O, ordering, operators, functions,
-- storage and btree indexes.
SELECT '192.168.1.5'::inet, '192.168.1.5/24'::inet, '10/8'::inet, '::1'::inet,
       '2001:db8::/32'::inet, '::ffff:1.2.3.4'::inet, '::1.2.3.4/120'::inet;
SELECT '10'::cidr, '192.168'::cidr, '128.1'::cidr, '224'::cidr, '10.1.2.0/24'::cidr,
       '0x0a'::cidr, '2001:db8::/32'::cidr, '1:2:3:4:5:6:7:8'::cidr;
SELECT '10.1.2.3/24'::cidr;
SELECT '1.2.3'::inet;
SELECT '1.2.3.4/33'::inet;
SELECT ':::'::inet;
SELECT '1:2:3:4:5:6:7:8:9'::inet;
SELECT 'fe80:0:0:0:1:0:0:1'::inet, '1:0:0:2:0:0:0:3'::inet, '0:0:0:0:0:0:0:0'::inet;
SELECT '08:00:2b:01:02:03'::macaddr, '08-00-2b-01-02-03'::macaddr, '08002b:010203'::macaddr,
       '08002b-010203'::macaddr, '0800.2b01.0203'::macaddr, '0800-2b01-0203'::macaddr,
       '08002b010203'::macaddr, '08:00:2B:01:02:03 '::macaddr;
SELECT '08:00:2b:01:02:0g'::macaddr;
SELECT '08:00:2b:01:02:100'::macaddr;
SELECT '08:00:2b:01:02:03'::macaddr8, '08:00:2b:01:02:03:04:05'::macaddr8,
       '08-00-2b-01-02-03-04-05'::macaddr8, '08002b0102030405'::macaddr8,
       '0800.2b01.0203.0405'::macaddr8;
SELECT '08:00:2b:01:02:03:04'::macaddr8;
SELECT '08:00-2b:01:02:03:04:05'::macaddr8;
CREATE TABLE nets (id int PRIMARY KEY, i inet, c cidr, m macaddr, m8 macaddr8);
INSERT INTO nets VALUES
  (1, '192.168.1.226/24', '192.168.1.0/24', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05'),
  (2, '192.168.1.226', '192.168.1/24', '08:00:2b:01:02:04', '08:00:2b:01:02:03:04:06'),
  (3, '10.1.2.3/8', '10/8', '00:00:00:00:00:00', '00:00:00:00:00:00:00:00'),
  (4, '10.0.0.0/16', '10.0.0.0/32', 'ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff:ff:ff'),
  (5, '::1', '::/0', '01:02:03:04:05:06', '01:02:03:ff:fe:04:05:06'),
  (6, '10.1.2.3/8', '10.1.0.0/16', NULL, NULL),
  (7, 'ffff::/16', 'ffff::/16', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05');
SELECT id, i, c, m, m8 FROM nets ORDER BY i, id;
SELECT id, c FROM nets ORDER BY c DESC, id;
SELECT m, count(*) FROM nets GROUP BY m ORDER BY m;
SELECT DISTINCT m8 FROM nets ORDER BY 1;
CREATE INDEX nets_i ON nets (i);
CREATE INDEX nets_m ON nets (m);
SELECT id FROM nets WHERE i = '10.1.2.3/8' ORDER BY id;
SELECT id FROM nets WHERE i > '10.1.2.3/8' ORDER BY id;
SELECT id FROM nets WHERE m = '08:00:2b:01:02:03' ORDER BY id;
SELECT id, i << '192.168.0.0/16', i <<= '192.168.1.0/24', c >> '10.1.2.0/24',
       c >>= '10/8', i && '10.0.0.0/8' FROM nets ORDER BY id;
SELECT id, family(i), masklen(i), host(i), text(i), abbrev(i), abbrev(c), broadcast(i),
       network(i), netmask(i), hostmask(i) FROM nets ORDER BY id;
SELECT set_masklen(i, 16), set_masklen(c, 16) FROM nets WHERE family(i) = 4 ORDER BY id;
SELECT set_masklen('1.2.3.4'::inet, 33);
SELECT inet_merge('192.168.1.5/24', '192.168.2.5/24'), inet_same_family('1.2.3.4', '::1');
SELECT inet_merge('192.168.1.5/24', '::1');
SELECT ~ '192.168.1.6'::inet, '192.168.1.6'::inet & '0.0.0.255', '192.168.1.6'::inet | '0.0.0.255';
SELECT '192.168.1.6'::inet + 10, 10 + '192.168.1.6'::inet, '192.168.1.6'::inet - 10,
       '192.168.1.6'::inet - '192.168.1.1'::inet, '::1'::inet + 65536;
SELECT '255.255.255.255'::inet + 1;
SELECT '1.2.3.4'::inet & '::1';
SELECT m, ~m, m & '00:ff:00:ff:00:ff', m | '01:00:00:00:00:00', trunc(m) FROM nets
  WHERE m IS NOT NULL ORDER BY id;
SELECT m8, ~m8, m8 & '00:ff:00:ff:00:ff:00:ff', trunc(m8), macaddr8_set7bit(m8) FROM nets
  WHERE m8 IS NOT NULL ORDER BY id;
SELECT m::macaddr8, m8::macaddr FROM nets WHERE id = 5;
SELECT m8::macaddr FROM nets WHERE id = 1;
SELECT i::cidr, c::inet, i::text, c::text, '1.2.3.4'::inet::varchar FROM nets ORDER BY id;
SELECT '1.2.3.4'::inet = '1.2.3.4/32'::cidr, '10.0.0.0/8'::inet < '10.0.0.0/8'::cidr;
SELECT ARRAY['1.2.3.4'::inet, '::1'], ARRAY['08:00:2b:01:02:03'::macaddr];
SELECT abbrev('2001:db8::/32'::cidr), abbrev('::/0'::cidr), abbrev('ffff:ffff::/48'::cidr),
       abbrev('10.1.0.0/16'::cidr), abbrev('0.0.0.0/0'::cidr), abbrev('10.1.2.0/23'::cidr);
SELECT '::ffff:10.1.2.3'::inet, '::10.1.2.3'::inet, '1::ffff:1.2.3.4'::inet, '1:2:3:4:5:6:1.2.3.4'::inet,
       '::0.0.0.1'::inet, '::ffff:0:0'::inet, 'ABCD::EF/64'::inet;
SELECT set_masklen('1.2.3.4/8'::inet, -1), set_masklen('::1'::cidr, -1);
SELECT '1.2.3.4.'::inet;
SELECT ' 1.2.3.4'::inet;
SELECT '1.2.3.4 '::inet;
SELECT '010.1.2.3'::inet, '1.2.3.4/08'::inet;
SELECT '1::2::3'::inet;
SELECT '1:2:3:4:5:6:7::'::inet, '::2:3:4:5:6:7:8'::inet;
SELECT '::1/129'::inet;
SELECT '01.2.3.4'::cidr, '10.0/16'::cidr, '10.'::cidr;
SELECT ' 08:00:2b:01:02:03'::macaddr, '8:0:2b:1:2:3'::macaddr;
SELECT '08:00:2b:01:02:03:04:05 '::macaddr8, ' 08:00:2b:01:02:03'::macaddr8;
SELECT '08:00:2b:01:02:03:04:05 x'::macaddr8;
SELECT '08:00:2b:01:02:03:04:05:06'::macaddr8;
SELECT '192.168.1.6'::inet - '::1'::inet;
SELECT '::'::inet - 1;
SELECT '128.0.0.0'::inet - '0.0.0.0'::inet, '0.0.0.0'::inet - '255.255.255.255'::inet;
SELECT i FROM nets ORDER BY i USING >;
SELECT c, abbrev(c::cidr) FROM (VALUES ('2001:db8::/33'), ('2001:db8::/48'), ('2001:db8:0:1::/64'),
  ('ffff::/16'), ('::/64'), ('1::/16'), ('1:2:3:4:5:6:7:8/128'), ('::ffff:1.2.3.0/120'),
  ('::1.2.3.4/128'), ('0:0:1::/48'), ('1:2:3:4:5:6:7:0/112'), ('1:2:3:4:5:6:7:0/127'),
  ('1:0:5::/48'), ('8000::/1'), ('::ffff:1.0.0.0/104')) v(c);
SELECT b, abbrev(set_masklen('::ffff:255.255.255.255'::cidr, b)),
       abbrev(set_masklen('::255.255.255.255'::cidr, b)) FROM generate_series(96, 128, 4) b;
DROP TABLE nets;
