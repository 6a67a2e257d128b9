#!/usr/bin/env python3
"""Unit tests for the regression runner's statement splitting and scoring
(regress/psql_script.py, regress/compare.py). No server needed.

The end-to-end check of the same code is `regress/run.py --target postgres
--check`, which must score 100% against the real PostgreSQL 15.
"""
import os
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "regress"))
import compare  # noqa: E402
import run  # noqa: E402
from psql_script import split_script  # noqa: E402


def spans(script):
    return [(u.first, u.last, u.scored) for u in split_script(script)]


class SplitScript(unittest.TestCase):
    def test_statements_and_comments(self):
        s = "-- lead comment\nSELECT 1;\n\nSELECT\n  2;\nSELECT 3; SELECT 4;\n"
        units = split_script(s)
        self.assertEqual([(u.first, u.last) for u in units], [(1, 2), (4, 5), (6, 6)])
        self.assertEqual(units[0].echo, ["-- lead comment", "SELECT 1;"])
        self.assertEqual(units[1].echo, ["SELECT", "  2;"])

    def test_empty_lines_echoed_only_inside_quotes(self):
        s = "SELECT 'a\n\nb';\nSELECT (1\n\n);\n"
        units = split_script(s)
        self.assertEqual(units[0].echo, ["SELECT 'a", "", "b';"])
        self.assertEqual(units[1].echo, ["SELECT (1", ");"])

    def test_semicolons_that_do_not_end_a_statement(self):
        s = ("SELECT ';', \"a;b\", $x$ ; $x$, $$;$$ /* ; /* ; */ ; */;\n"
             "SELECT (1;\n2);\n"
             "SELECT E'\\';' ;\n"
             "-- ;\n"
             "SELECT 5;\n")
        self.assertEqual(spans(s), [(1, 1, True), (2, 3, True), (4, 4, True), (5, 6, True)])

    def test_standard_conforming_strings_off(self):
        s = ("SET standard_conforming_strings TO off;\nSELECT 'a\\';';\nSELECT 1;\n"
             "RESET standard_conforming_strings;\nSELECT 'a\\';\n")
        self.assertEqual([u.first for u in split_script(s)], [1, 2, 3, 4, 5])

    def test_begin_atomic_body(self):
        s = ("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n"
             "  SELECT CASE WHEN true THEN 2 END;\nEND;\nSELECT 3;\n")
        self.assertEqual([(u.first, u.last) for u in split_script(s)], [(1, 5), (6, 6)])

    def test_copy_from_stdin_data_not_echoed(self):
        s = ("COPY t FROM stdin;\n1\tone;\n\\.\nselect 0\\; copy t from stdin\\; "
             "copy t from stdin;\n1\n\\.\n2\n\\.\nCOPY (select 1) FROM stdin;\nSELECT 1;\n"
             "\\copy t from stdin\nx\n\\.\nSELECT 2;\n")
        units = split_script(s)
        self.assertEqual([(u.first, u.last) for u in units],
                         [(1, 1), (4, 4), (9, 9), (10, 10), (11, 11), (14, 14)])

    def test_meta_commands(self):
        s = ("\\set x 1\nSELECT :x \\gset\n\\pset null '\\\\N'\n\\echo :x\n"
             "SELECT 1 \\g\n\\d t \\\\ SELECT 2;\n")
        units = split_script(s)
        self.assertEqual([(u.first, u.scored) for u in units],
                         [(1, False), (2, True), (3, False), (4, True), (5, True), (6, True)])

    def test_unterminated_tail(self):
        units = split_script("SELECT 1;\nSELECT 2\n")
        self.assertEqual([(u.first, u.kind, u.scored) for u in units],
                         [(1, "sql", True), (2, "tail", True)])
        units = split_script("SELECT 1;\n-- just a comment\n")
        self.assertEqual([(u.kind, u.scored) for u in units], [("sql", True), ("tail", False)])


SCRIPT = "SELECT 1;\n\nSELECT 'x';\nSELECT bad;\n\\set ECHO none\nSELECT 3;\n"
GOOD = ("SELECT 1;\n ?column? \n----------\n        1\n(1 row)\n\n"
        "SELECT 'x';\n ?column? \n----------\n x\n(1 row)\n\n"
        "SELECT bad;\nERROR:  column \"bad\" does not exist\nLINE 1: SELECT bad;\n"
        "               ^\n\\set ECHO none\n ?column? \n----------\n        3\n(1 row)\n\n")


class Blocks(unittest.TestCase):
    def test_cut_at_echo_lines(self):
        units = split_script(SCRIPT)
        pre, blocks = compare.blocks(units, GOOD)
        self.assertEqual(pre, [])
        self.assertEqual(blocks[0], [" ?column? ", "----------", "        1", "(1 row)", ""])
        self.assertEqual(blocks[2][0], 'ERROR:  column "bad" does not exist')
        # After \set ECHO none the last statement's echo is missing: its
        # output lands in the \set unit, and it has no block of its own.
        self.assertEqual(blocks[3][-2], "(1 row)")
        self.assertIsNone(blocks[4])

    def test_scores_and_picks_best_alternative(self):
        d = tempfile.mkdtemp()
        wrong = GOOD.replace("        1\n", "        2\n")
        with open(os.path.join(d, "t.out"), "w") as f:
            f.write(wrong.replace(" x\n", " y\n"))
        with open(os.path.join(d, "t_1.out"), "w") as f:
            f.write(wrong)
        paths = compare.expected_files(d, "t")
        self.assertEqual([os.path.basename(p) for p in paths], ["t.out", "t_1.out"])
        r = compare.compare_file("t", SCRIPT, GOOD, paths)
        self.assertFalse(r.passed)
        self.assertEqual((r.expected_file, r.matched, r.total), ("t_1.out", 3, 4))
        self.assertEqual(r.failing[0][0].first, 1)
        with open(os.path.join(d, "t_2.out"), "w") as f:
            f.write(GOOD)
        r = compare.compare_file("t", SCRIPT, GOOD, compare.expected_files(d, "t"))
        self.assertTrue(r.passed)
        self.assertEqual((r.expected_file, r.matched, r.total), ("t_2.out", 4, 4))

    def test_truncated_output_fails_the_rest(self):
        units = split_script(SCRIPT)
        cut = GOOD[:GOOD.index("SELECT 'x'")] + "server closed the connection unexpectedly\n"
        d = tempfile.mkdtemp()
        with open(os.path.join(d, "t.out"), "w") as f:
            f.write(GOOD)
        r = compare.compare_file("t", SCRIPT, cut, [os.path.join(d, "t.out")])
        self.assertEqual((r.matched, r.total), (0, 4))
        self.assertEqual(len(units), 5)


class Schedule(unittest.TestCase):
    def test_parse(self):
        d = tempfile.mkdtemp()
        p = os.path.join(d, "parallel_schedule")
        with open(p, "w") as f:
            f.write("# comment\ntest: a\n\ntest: b c\nignore: c\n")
        self.assertEqual(run.parse_schedule(p), [("a", False), ("b", False), ("c", True)])


if __name__ == "__main__":
    unittest.main()
