-- to_char of timestamp, timestamptz and interval with the common template
-- patterns, against PostgreSQL 15.
select to_char(timestamp '2020-02-29 13:04:05.123456', 'YYYY-MM-DD HH24:MI:SS.US');
select to_char(timestamp '2020-02-29 13:04:05.123456', 'FMDD FMMonth YYYY, HH12:MI am, Dy Day DAY day, Mon MON mon');
select to_char(timestamp '2020-02-29 13:04:05.123456', 'Month|Day|FMMonth|FMDay|MS|SSSS|SSSSS|Q|J|DDD|D|W|WW|IW|CC|Y,YYY|YYY|YY|Y|IYYY|IYY|IY|I|ID|IDDD');
select to_char(timestamp '2021-01-01 00:00:00', 'IYYY-IW-ID, DDDth, DDth, FMDDth, Mth MMth, "literal text" \"q\"');
select to_char(timestamp '0044-03-15 12:00 BC', 'YYYY-MM-DD BC B.C. AD a.d. CC');
select to_char(timestamp '2020-07-04 00:30', 'HH:MI AM A.M. pm p.m. HH12 HH24');
select to_char(timestamptz '2020-07-04 00:30+00', 'YYYY-MM-DD HH24:MI TZ tz OF TZH:TZM');
set timezone = 'America/St_Johns';
select to_char(timestamptz '2020-07-04 00:30+00', 'YYYY-MM-DD HH24:MI TZ OF TZH TZM');
reset timezone;
select to_char(interval '1 year 2 months 3 days 26:05:06.5', 'YYYY-MM-DD HH24:MI:SS.MS HH12 HH');
select to_char(date '2020-02-29', 'DD/MM/YYYY'), to_char(timestamp 'infinity', 'YYYY');
select to_char(now(), 'YYYY') = extract(year from now())::text;
select to_char(timestamp '2020-02-29 13:04:05.5', 'yyyy-mm-dd hh24:mi:ss.ms, iyyy iw id, q j ddd, cc w ww');
select to_char(timestamptz '2020-02-29 13:04:05.5+00', 'FMHH12:MI:SS pm, of tzh');
