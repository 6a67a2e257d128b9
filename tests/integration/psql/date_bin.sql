-- date_bin over timestamp and timestamptz: bins before and after the
-- origin, exact multiples, infinities and the errors.
set timezone = 'UTC';
select date_bin('1 hour', timestamp '2020-01-01 10:00', timestamp '2020-01-01 12:00'),
       date_bin('1 hour', timestamp '2020-01-01 10:30', timestamp '2020-01-01 12:00'),
       date_bin('1 hour', timestamp '2020-01-01 13:30', timestamp '2020-01-01 12:00'),
       date_bin('1 hour', timestamp '2020-01-01 10:00', timestamp '2020-01-01 10:00');
select date_bin('1 microsecond', timestamp '2020-01-01 10:00:00.5', timestamp '2021-01-01'),
       date_bin('15 days', timestamp '2020-02-11 15:44:17.71393', timestamp '2001-01-01'),
       date_bin('1 hour 30 minutes', timestamp '2020-02-11 15:44:17.71393', timestamp '2001-01-01'),
       date_bin('250 microseconds', timestamp '2020-02-11 15:44:17.71393', timestamp '2001-01-01');
select date_bin('5 min'::interval, timestamptz '2020-02-01 01:01:01+00', timestamptz '2020-02-01 00:02:30+00'),
       date_bin('1 day', timestamptz '2020-02-01 01:01:01+05', timestamptz '2001-01-01 00:00:00+00');
select date_bin('1 day 1 hour', timestamp 'infinity', timestamp '2001-01-01'),
       date_bin('1 month', timestamp '-infinity', timestamp '2001-01-01'),
       date_bin(null, timestamp '2020-01-01', timestamp '2001-01-01');
select date_bin('1 month', timestamp '2020-01-01', timestamp '2001-01-01');
select date_bin('0 days', timestamp '2020-01-01', timestamp '2001-01-01');
select date_bin('-1 days', timestamp '2020-01-01', timestamp '2001-01-01');
select date_bin('1 day', timestamp '2020-01-01', timestamp 'infinity');
