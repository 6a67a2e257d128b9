"""Splits a psql input script into units, the way `psql -a` reads and runs it.

A unit is the run of input lines that psql echoes up to and including a line on
which it executes something: an SQL statement ended by a top-level semicolon
(or sent by \\g, \\gset, \\gexec, ...) or a backslash meta-command. The output
of that execution follows the unit's echo in `psql -a` output, so the
statement-level comparison (compare.py) finds each unit's echo in both outputs
and compares what follows it.

What psql does and this mirrors (PostgreSQL 15, src/bin/psql/mainloop.c and
src/fe_utils/psqlscan.l):
- Every line read is echoed verbatim, except an empty line read while the lexer
  is not inside a quote or comment, which psql skips without echoing.
- A semicolon ends a statement only outside quotes, comments, parentheses and
  the BEGIN ... END body of CREATE [OR REPLACE] FUNCTION/PROCEDURE.
- 'strings' take backslash escapes only when standard_conforming_strings is off
  (tracked from SET/RESET statements in the script) or with an E prefix.
- The data lines after COPY ... FROM STDIN (or \\copy ... from stdin/pstdin),
  up to the line "\\.", are read by the copy code and NOT echoed.
The denominator of the score is a property of the input alone: a unit is
"scored" when it runs SQL or a meta-command that can print something; units
that only set psql state (\\set, \\pset, \\getenv, ...) are aligned but not
counted. Mistakes here would only coarsen or refine the grouping, identically
for the reference and the server under test; validation against PostgreSQL 15
reports any unit whose echo cannot be found in the reference output.
"""
import re

# Meta-commands that only change psql's state and print nothing on success.
SILENT_META = {"set", "unset", "getenv", "setenv", "pset", "a", "t", "x", "f", "C", "T", "H",
               "timing", "encoding", "o", "out", "if", "elif", "else", "endif", "r", "reset"}
# Meta-commands that send the query buffer to the server.
SEND_META = {"g", "gx", "gset", "gexec", "gdesc", "crosstabview", "watch"}

_IDENT = re.compile(r"[A-Za-z\x80-\uffff_][A-Za-z\x80-\uffff_0-9$]*")
_DOLQ = re.compile(r"\$(?:[A-Za-z\x80-\uffff_][A-Za-z\x80-\uffff_0-9]*)?\$")
_META_NAME = re.compile(r"\\([A-Za-z0-9_?!.+]*)")
_SET_SCS = re.compile(
    r"^\s*set\s+(?:session\s+|local\s+)?standard_conforming_strings\s*(?:=|to)\s*'?(\w+)",
    re.IGNORECASE)
_RESET_SCS = re.compile(r"^\s*reset\s+(?:standard_conforming_strings|all)\b", re.IGNORECASE)
# COPY ... FROM STDIN (STDOUT is accepted as a synonym by the server); \copy
# also reads "pstdin", psql's own stdin, which is the script here.
_COPY_STDIN = re.compile(r"\bfrom\s+(?:p?stdin|stdout)\b", re.IGNORECASE)
# "COPY (query) FROM STDIN" is rejected by the server before any data is read.
_COPY_IN_STMT = re.compile(r"(?:^|;)\s*copy\s+(?!\()[^;]*?\bfrom\s+(?:stdin|stdout)\b",
                           re.IGNORECASE)


class Unit:
    """Input lines [first, last] (1-based) and the lines psql echoes for them."""

    def __init__(self, first, last, echo, scored, kind, text):
        self.first = first
        self.last = last
        self.echo = echo      # list of str, as psql prints them
        self.scored = scored  # counts towards statements matched / total
        self.kind = kind      # "sql", "meta" or "tail" (left in the buffer at EOF)
        self.text = text      # short label for reports

    def __repr__(self):
        return f"Unit({self.first}-{self.last} {self.kind} {self.text!r})"


class _Lexer:
    def __init__(self):
        self.state = "init"   # init, xc, xq, xe, xd, xdolq
        self.xc_depth = 0
        self.dolq_tag = ""
        self.paren = 0
        self.begin = 0
        self.idents = []      # first letters of create/or/replace/function/procedure
        self.ident_count = 0
        self.std_strings = True
        self.stmt = []        # raw SQL text of the statement being collected

    def in_quote(self):
        return self.state != "init"

    def _reset_statement(self):
        self.paren = 0
        self.begin = 0
        self.ident_count = 0
        self.idents = []
        self.stmt = []

    def _word(self, word):
        # psql's heuristic for CREATE [OR REPLACE] FUNCTION/PROCEDURE ... BEGIN ATOMIC.
        if self.ident_count == 0:
            self.idents = []
        lw = word.lower()
        if lw in ("create", "function", "procedure", "or", "replace") and self.ident_count < 4:
            while len(self.idents) < self.ident_count:
                self.idents.append("")
            self.idents.append(lw[0])
        self.ident_count += 1
        ids = (self.idents + ["", "", "", ""])[:4]
        if (ids[0] == "c" and (ids[1] in ("f", "p") or (ids[1] == "o" and ids[2] == "r" and
                                                         ids[3] in ("f", "p")))
                and self.paren == 0):
            if lw == "begin":
                self.begin += 1
            elif lw == "case":
                if self.begin >= 1:
                    self.begin += 1
            elif lw == "end":
                if self.begin > 0:
                    self.begin -= 1

    def line(self, text):
        """Lexes one line. Returns a list of events: ("sql", statement text) for
        each statement executed, ("meta", name, args) for each meta-command."""
        events = []
        i, n = 0, len(text)
        while i < n:
            st = self.state
            c = text[i]
            if st == "xc":
                if text.startswith("/*", i):
                    self.xc_depth += 1
                    i += 2
                elif text.startswith("*/", i):
                    if self.xc_depth <= 0:
                        self.state = "init"
                    else:
                        self.xc_depth -= 1
                    i += 2
                else:
                    i += 1
                continue
            if st in ("xq", "xe"):
                if st == "xe" and c == "\\":
                    self.stmt.append(text[i:i + 2])
                    i += 2
                    continue
                if c == "'":
                    if text.startswith("''", i):
                        self.stmt.append("''")
                        i += 2
                        continue
                    self.state = "init"
                self.stmt.append(c)
                i += 1
                continue
            if st == "xd":
                if c == '"':
                    if text.startswith('""', i):
                        self.stmt.append('""')
                        i += 2
                        continue
                    self.state = "init"
                self.stmt.append(c)
                i += 1
                continue
            if st == "xdolq":
                if text.startswith(self.dolq_tag, i):
                    self.stmt.append(self.dolq_tag)
                    i += len(self.dolq_tag)
                    self.state = "init"
                else:
                    self.stmt.append(c)
                    i += 1
                continue
            # INITIAL state
            if c.isspace():
                if self.stmt:
                    self.stmt.append(c)
                i += 1
            elif text.startswith("--", i):
                break
            elif text.startswith("/*", i):
                self.state = "xc"
                self.xc_depth = 0
                i += 2
            elif c == "'":
                self.state = "xq" if self.std_strings else "xe"
                self.stmt.append(c)
                i += 1
            elif c == '"':
                self.state = "xd"
                self.stmt.append(c)
                i += 1
            elif c == "$":
                m = _DOLQ.match(text, i)
                if m:
                    self.state = "xdolq"
                    self.dolq_tag = m.group(0)
                    self.stmt.append(m.group(0))
                    i = m.end()
                else:
                    self.stmt.append(c)
                    i += 1
            elif c == "(":
                self.paren += 1
                self.stmt.append(c)
                i += 1
            elif c == ")":
                if self.paren > 0:
                    self.paren -= 1
                self.stmt.append(c)
                i += 1
            elif c == ";":
                self.stmt.append(c)
                i += 1
                if self.paren == 0 and self.begin == 0:
                    events.append(("sql", "".join(self.stmt).strip()))
                    self._executed("".join(self.stmt))
                    self._reset_statement()
            elif c == "\\":
                if i + 1 < n and text[i + 1] in ";:":
                    # \; and \: put the character into the buffer.
                    self.stmt.append(text[i + 1])
                    if text[i + 1] == ";":
                        self.ident_count = 0
                    i += 2
                    continue
                m = _META_NAME.match(text, i)
                name = m.group(1)
                # The meta-command's arguments run to the end of the line or to
                # a "\\" separator, after which lexing continues.
                rest = text[m.end():]
                sep = _meta_separator(rest)
                args = rest if sep < 0 else rest[:sep]
                events.append(("meta", name, args))
                if name in SEND_META:
                    events[-1] = ("meta", name, args, "".join(self.stmt).strip())
                    self._executed("".join(self.stmt))
                    self._reset_statement()
                elif name == "r" or name == "reset":
                    self._reset_statement()
                if sep < 0:
                    break
                i = m.end() + sep + 2
            else:
                m = _IDENT.match(text, i)
                if m:
                    word = m.group(0)
                    nxt = text[m.end():m.end() + 2]
                    lw = word.lower()
                    if nxt[:1] == "'" and lw in ("e", "b", "x", "n"):
                        self.state = "xe" if (lw == "e" or (lw == "n" and not self.std_strings)) \
                            else "xq"
                        self.stmt.append(word + "'")
                        i = m.end() + 1
                        continue
                    if lw == "u" and nxt in ("&'", '&"'):
                        self.state = "xq" if nxt == "&'" else "xd"
                        self.stmt.append(word + nxt)
                        i = m.end() + 2
                        continue
                    self._word(word)
                    self.stmt.append(word)
                    i = m.end()
                else:
                    self.stmt.append(c)
                    i += 1
        if self.stmt:
            self.stmt.append("\n")
        return events

    def _executed(self, sql):
        m = _SET_SCS.match(sql)
        if m:
            self.std_strings = m.group(1).lower() in ("on", "true", "yes", "1")
        elif _RESET_SCS.match(sql):
            self.std_strings = True


def _meta_separator(args):
    """Index of the "\\\\" that ends a meta-command's arguments, or -1.
    Quotes in arguments ('..' with backslash escapes, "..", `..`) hide it."""
    i, n = 0, len(args)
    while i < n:
        c = args[i]
        if c in "'\"`":
            j = i + 1
            while j < n:
                if c == "'" and args[j] == "\\":
                    j += 2
                    continue
                if args[j] == c:
                    if j + 1 < n and args[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            i = j + 1
        elif args.startswith("\\\\", i):
            return i
        else:
            i += 1
    return -1


def _copies_from_stdin(sql):
    """How many COPY ... FROM STDIN commands one sent query string holds
    (several when joined with \\;); each reads data up to a "\\." line."""
    return len(_COPY_IN_STMT.findall(sql))


def split_script(text):
    """Splits a psql script (str) into a list of Units, in input order."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline ending the last line starts no line of its own
    lex = _Lexer()
    units = []
    echo = []
    first = None
    scored = False
    kinds = set()
    copy_data = 0  # COPY FROM STDIN data blocks still to skip
    for lineno, line in enumerate(lines, 1):
        if copy_data:
            if line == "\\." or line == "\\.\r":
                copy_data -= 1
            continue
        if line == "" and not lex.in_quote():
            continue
        if first is None:
            first = lineno
        echo.append(line)
        events = lex.line(line)
        if not events:
            continue
        for ev in events:
            if ev[0] == "sql":
                scored = True
                kinds.add("sql")
                copy_data += _copies_from_stdin(ev[1])
            else:
                name, args = ev[1], ev[2]
                kinds.add("meta")
                if name not in SILENT_META:
                    scored = True
                if name == "copy" and _COPY_STDIN.search(args):
                    copy_data += 1
        units.append(Unit(first, lineno, echo, scored, "sql" if "sql" in kinds else "meta",
                          _short(lines[first - 1:lineno])))
        echo, first, scored, kinds = [], None, False, set()
    if echo:
        # psql sends an unterminated buffer at end of input.
        has_sql = bool("".join(lex.stmt).strip())
        units.append(Unit(first, len(lines), echo, has_sql, "tail", _short(echo)))
    return units


def _short(lines):
    """A one-line label: the first line that is not a comment."""
    for ln in lines:
        s = ln.strip()
        if s and not s.startswith("--"):
            return s[:100]
    return (lines[0].strip() if lines else "")[:100]
