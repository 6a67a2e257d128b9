-- COPY FROM converts fields in column order and reports a missing field
-- when its column is reached: a bad value before the gap wins.
CREATE TABLE cfo (a int, b text, c date);
COPY cfo FROM STDIN;
bad
\.
COPY cfo FROM STDIN;
1
\.
COPY cfo FROM STDIN (FORMAT csv);
x,y
\.
COPY cfo FROM STDIN (FORMAT csv);
2,y
\.
COPY cfo (c, a) FROM STDIN;
notadate
\.
COPY cfo FROM STDIN;
1	b	2020-01-01	extra
\.
COPY cfo FROM STDIN;
3	ok	2020-01-03
\.
SELECT * FROM cfo;
DROP TABLE cfo;
