-- Date/time text input and output (DateStyle ISO, MDY; TimeZone Etc/UTC), and
-- the input errors with their SQLSTATEs, positions and hints.
select date '2020-01-08', date 'January 8, 1999', date '1999-01-08', date '1/8/1999', date '08-Jan-1999', date 'Jan-08-1999';
select date '99-01-08', date '19990108', date 'epoch', date 'infinity', date '-infinity', date '0044-03-15 BC';
select date '2020-02-30';
select date '13/01/2020';
select date 'foo';
select time '04:05:06.789', time '04:05 PM', time '040506', time '24:00', time 'allballs', time '04:05:06 PST', time '2003-04-12 04:05:06 America/New_York';
select time '25:00';
select timestamp '2004-10-19 10:23:54', timestamp '1999-01-08T04:05:06', timestamp '2004-10-19 10:23:54+02', timestamp 'epoch', timestamp 'infinity';
select timestamptz '2004-10-19 10:23:54+02', timestamptz '1999-01-08 04:05:06 America/New_York', timestamptz '2020-06-01 12:00 PST', timestamptz '2020-06-01 12:00 Z', timestamptz '2020-06-01 12:00:00.123456-03:30';
select timestamptz '2020-06-01 12:00 Mars/Base';
select timestamp '2020-06-01 12:00 +25';
select interval '1 day 2 hours', interval '1-2', interval 'P1Y2M3DT4H5M6S', interval '@ 1 hour ago', interval '01:02:03', interval '1.5 weeks', interval '-1 day +02:00', interval '1 year -1 month', interval '0', interval '2 days 1 second ago';
select interval 'foo';
select interval '1 day 2 days';
select interval '10000000000000 years';
select interval '3 4:05:06', interval '1 2', interval '1.5 months', interval '.5 seconds', interval '1 millisecond', interval '100 microseconds';
