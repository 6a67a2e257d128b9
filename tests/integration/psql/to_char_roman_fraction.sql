-- to_char's RM/rm (Roman months, of timestamps and of intervals), FF1..FF6
-- and the ISO-year patterns of BC dates.
select to_char(timestamp '2001-09-04 12:34:56.789012', 'RM rm FMRM| FF1 FF2 FF3 FF4 FF5 FF6 ff3');
select i, to_char(i * interval '1mon', 'rm'), to_char(i * interval '1mon', 'FMRM')
  from generate_series(-13, 13, 5) i;
select to_char(interval '0', 'RM|'), to_char(interval '2 years', 'RM|');
select to_char(timestamp '0097-02-16 BC', 'IYYY IYY IY I IW IDDD ID YYYY');
