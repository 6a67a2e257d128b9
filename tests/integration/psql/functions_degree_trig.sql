-- sind, cosd, tand, cotd, asind, acosd, atand, atan2d: exact at the special
-- angles, NaN passes through, infinities and |x| > 1 are out of range.
-- Also float8send/float4send.
\set VERBOSITY verbose
select x, sind(x), cosd(x), tand(x), cotd(x)
  from (values (-720), (-390), (-180), (-135), (-90), (-60), (-45), (-30), (0), (15), (30), (45),
               (60), (75), (90), (120), (135), (150), (180), (210), (225), (270), (315), (360),
               (405), (540), (1000)) as t(x);
select x, asind(x), acosd(x), atand(x)
  from (values (-1), (-0.5), (-0.25), (0), (0.25), (0.5), (0.75), (1)) as t(x);
select atand('Infinity'::float8), atand('-Infinity'::float8), atand(1e300);
select y, x, atan2d(y, x) from (values (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1),
  (-1, 0), (-1, 1), (3, 4)) as t(y, x);
select sind('NaN'), cosd('NaN'), tand('NaN'), cotd('NaN'), asind('NaN'), acosd('NaN'),
  atand('NaN'), atan2d('NaN', 1), atan2d(1, 'NaN');
select sind(12.5::numeric), cosd(1::int4), tand(0::int2);
-- errors
select sind('Infinity');
select cosd('-Infinity');
select tand('Infinity');
select cotd('-Infinity');
select asind(1.5);
select acosd(-1.000001);
-- the binary send forms
select float8send('2.2250738585072014E-308'::float8), float8send(-1.5), float8send('NaN');
select float4send(1.5::float4), float4send('-Infinity'::float4);
