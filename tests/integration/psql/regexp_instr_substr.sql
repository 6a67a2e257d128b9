-- regexp_instr and regexp_substr (PostgreSQL 15): every optional argument,
-- character positions in multibyte text, and the argument errors.
select regexp_instr('abcabc', 'b'), regexp_instr('abcabc', 'b', 3), regexp_instr('abcabc', 'b', 1, 2),
       regexp_instr('abcabc', 'b', 1, 3), regexp_instr('abcabc', 'b', 1, 1, 1),
       regexp_instr('abcabc', '(b)(c)', 1, 2, 0, '', 2), regexp_instr('abcabc', '(b)(c)', 1, 1, 0, '', 3),
       regexp_instr('äbcäbc', 'c', 1, 2), regexp_instr('ABC', 'b', 1, 1, 0, 'i'),
       regexp_instr('äbcäbc', 'bc', 3, 1, 1);
select regexp_substr('abcabc', 'b.'), regexp_substr('abcabc', 'b.', 3), regexp_substr('abcabc', '(b)(c)', 1, 2, '', 2),
       regexp_substr('abc', 'x') is null, regexp_substr('abc', '(x)?b', 1, 1, '', 1) is null,
       regexp_substr('äbcäbx', 'b.', 3), regexp_substr('ABC', 'b', 1, 1, 'i');
select regexp_instr('abc', 'b', 10), regexp_substr('abc', 'b', 10), regexp_count('ääää', 'ä', 3),
       regexp_replace('äbäb', 'b', 'X', 3);
select regexp_instr(null, 'b'), regexp_substr('abc', null);
select regexp_instr('abc', 'b', 0);
select regexp_instr('abc', 'b', 1, 0);
select regexp_instr('abc', 'b', 1, 1, 2);
select regexp_instr('abc', 'b', 1, 1, 0, 'g');
select regexp_instr('abc', 'b', 1, 1, 0, '', -1);
select regexp_substr('abc', 'b', 1, 0);
select regexp_substr('abc', 'b', 1, 1, 'g');
select regexp_substr('abc', 'b', 1, 1, '', -1);
select regexp_substr('abc', 'b', 1, 1, 'z');
