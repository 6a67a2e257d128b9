-- COPY FROM STDIN in text and CSV format: escapes, NULLs, column lists,
-- defaults, options in both syntaxes, and errors (with their CONTEXT) after
-- which nothing of the failed COPY is stored.
create table t (a int primary key, b int not null, c text default 'dflt', d varchar(3));
copy t from stdin;
1	2	x\ty	abc
2	3	\N	\N
\.
copy t (a, b) from stdin;
3	4
\.
copy t (b, a, d) from stdin;
40	4	x
\.
copy t from stdin;
5	6	\x41\101\\\r\n\b\f\v\e	
6	7	a\.
\.
select a, b, c, d, length(c) from t order by a;
-- errors: nothing of a failed COPY is stored
copy t from stdin;
10	20
\.
copy t from stdin;
10	20	3	4	5
\.
copy t from stdin;
10	x	3	4
\.
copy t from stdin;
10	20	3	abcd
\.
copy t from stdin;
10	20	c	d
1	6	3	abc
\.
copy t from stdin;
10	\N	3	abc
\.
copy t from stdin;
10	20	a\.b
\.
select a from t order by a;
-- CSV
create table u (a int, b int check (b > 0), c text);
copy u from stdin (format csv, header);
a,b,c
10,11,"q""x"
11,12,
12,13,""
13,14,"multi
line"
\.
copy u from stdin with csv header delimiter ';';
a
20;21;a;b
\.
copy u from stdin with csv header delimiter ';';
a
20;21;a
\.
copy u from stdin with delimiter ',' null 'x' csv quote '''' escape '\';
30,31,x
31,32,'it\'s'
32,33,'x'
\.
copy u from stdin (format csv, null 'NUL', force_not_null (c));
40,41,NUL
41,42,
\.
copy u from stdin (format csv, force_null (c));
50,51,""
51,52,
\.
copy u from stdin (format csv);
60,-1,x
\.
copy u from stdin (format csv);
61,1,"abc
\.
copy u from stdin (format csv, header match);
a,b,c
70,71,m
\.
copy u from stdin (format csv, header match);
a,c,b
\.
copy u from stdin (header);
ignored line
80	81	text header
\.
select a, b, c, c is null as c_null from u order by a;
-- option errors
copy u from stdin (format foo);
copy u from stdin (delimiter 'ab');
copy u from stdin (force_quote (a));
copy u (zz) from stdin;
copy u (a, a) from stdin;
copy nope from stdin;
copy u from stdin (freeze, bogus 1);
copy u from stdin (format csv, quote 'ab');
copy u from stdin (format csv, delimiter ',', quote ',');
copy u from stdin (delimiter '\');
copy u from stdin (format csv, format text);
copy u from stdin (escape 'x');
copy u from stdin (format csv, null ',');
copy u to stdout (header 'foo');
copy u to stdout (format csv, header match);
copy u from stdin (format csv, force_not_null (zz));
copy u (a, b) from stdin (format csv, force_not_null (c));
copy u from stdin (delimiter E'\n');
