#!/usr/bin/env python3
"""SQLAlchemy 1.4 driver program for driver_compare_test.py (over psycopg2):
Core (table DDL, inserts, selects, updates with rowcounts), an ORM session
with a one-to-many relationship, reflection through inspect(engine), and
errors by SQLSTATE. Prints what it observed; the output is compared between
PostgreSQL 15 and stratad."""
import decimal
import sys

import sqlalchemy as sa
from sqlalchemy import exc, inspect
from sqlalchemy.orm import Session, declarative_base, relationship


def step(label, fn):
    try:
        fn()
    except exc.DBAPIError as e:
        print(f"{label}: ERROR {getattr(e.orig, 'pgcode', None)} {type(e).__name__}")


def main():
    host, port, user, dbname = sys.argv[1:5]
    engine = sa.create_engine(f"postgresql+psycopg2://{user}@/{dbname}?host={host}&port={port}",
                              future=True)
    print("sqlalchemy", sa.__version__.split(".")[0:2])
    with engine.connect() as conn:
        print("server version", engine.dialect.server_version_info[0])
        print("default schema", engine.dialect.default_schema_name)

    meta = sa.MetaData()
    authors = sa.Table(
        "sa_authors", meta,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False, unique=True),
        sa.Column("born", sa.Date),
        sa.Column("rating", sa.Numeric(4, 2), server_default="1.00"))
    books = sa.Table(
        "sa_books", meta,
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("author_id", sa.Integer, sa.ForeignKey("sa_authors.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("pages", sa.SmallInteger),
        sa.Column("published", sa.Boolean, default=False),
        sa.Index("sa_books_title_idx", "title"),
        sa.UniqueConstraint("author_id", "title", name="sa_books_author_title_key"))

    def core():
        meta.create_all(engine)
        with engine.begin() as conn:
            r = conn.execute(authors.insert(), [{"name": "Ann"}, {"name": "Bob"}])
            print("insert many rowcount", r.rowcount)
            r = conn.execute(authors.insert().values(name="Cy").returning(authors.c.id,
                                                                          authors.c.rating))
            print("returning", [tuple(x) for x in r])
            r = conn.execute(books.insert(), [
                {"author_id": 1, "title": "A1", "pages": 100},
                {"author_id": 1, "title": "A2", "pages": None},
                {"author_id": 2, "title": "B1", "pages": 300, "published": True}])
            print("books rowcount", r.rowcount)
            r = conn.execute(books.update().where(books.c.pages.is_(None)).values(pages=1))
            print("update rowcount", r.rowcount)
            q = (sa.select(authors.c.name, sa.func.count(books.c.id).label("n"),
                           sa.func.sum(books.c.pages).label("pages"))
                 .select_from(authors.outerjoin(books))
                 .group_by(authors.c.name).order_by(authors.c.name))
            for row in conn.execute(q):
                print("joined", [(type(v).__name__, v) for v in row])
            r = conn.execute(sa.select(books).where(books.c.title.like("A%"))
                             .order_by(books.c.id).limit(1).offset(1))
            print("paged", [tuple(x) for x in r])
            r = conn.execute(sa.text("SELECT CAST(:a AS int) + 1 AS x, :b AS y"), {"a": 41, "b": "z"})
            print("text", [tuple(x) for x in r])
    step("core", core)

    def rollback():
        with engine.connect() as conn:
            trans = conn.begin()
            conn.execute(authors.delete())
            trans.rollback()
            print("after rollback", conn.execute(sa.select(sa.func.count()).select_from(
                authors)).scalar_one())
            conn.rollback()
            with conn.begin():
                nested = conn.begin_nested()
                conn.execute(authors.insert().values(name="Tmp"))
                nested.rollback()
            print("after savepoint", conn.execute(sa.select(sa.func.count()).select_from(
                authors)).scalar_one())
            conn.rollback()
    step("rollback", rollback)

    def errors():
        for label, stmt in [("unique", authors.insert().values(id=1, name="Dup")),
                            ("fk", books.insert().values(author_id=99, title="x")),
                            ("not null", books.insert().values(author_id=1, title=None))]:
            with engine.connect() as conn:
                try:
                    conn.execute(stmt)
                    print(label, "no error")
                except exc.DBAPIError as e:
                    print(label, type(e).__name__, e.orig.pgcode)
    step("errors", errors)

    # ORM: declarative classes over their own tables, a relationship both ways.
    Base = declarative_base()

    class Team(Base):
        __tablename__ = "sa_teams"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(30), nullable=False)
        members = relationship("Member", back_populates="team", cascade="all, delete-orphan",
                               order_by="Member.id")

    class Member(Base):
        __tablename__ = "sa_members"
        id = sa.Column(sa.Integer, primary_key=True)
        team_id = sa.Column(sa.Integer, sa.ForeignKey("sa_teams.id"), nullable=False)
        nick = sa.Column(sa.String(30))
        score = sa.Column(sa.Numeric(6, 1))
        team = relationship("Team", back_populates="members")

    def orm():
        Base.metadata.create_all(engine)
        with Session(engine) as s:
            red = Team(name="red", members=[Member(nick="a", score=decimal.Decimal("1.5")),
                                            Member(nick="b")])
            blue = Team(name="blue", members=[Member(nick="c", score=7)])
            s.add_all([red, blue])
            s.commit()
            print("ids", red.id, blue.id, [m.id for m in red.members])
        with Session(engine) as s:
            for t in s.query(Team).order_by(Team.name):
                print("team", t.name, [(m.nick, m.score) for m in t.members])
            m = s.execute(sa.select(Member).where(Member.nick == "c")).scalar_one()
            print("member team", m.team.name)
            m.score = decimal.Decimal("8.25")
            red = s.get(Team, 1)
            red.members.pop(0)
            s.commit()
            print("scores", s.execute(sa.select(Member.nick, Member.score)
                                      .order_by(Member.id)).all())
            s.add(Member(team_id=42, nick="orphan"))
            try:
                s.commit()
            except exc.IntegrityError as e:
                print("orm fk", e.orig.pgcode)
                s.rollback()
            print("count", s.query(Member).count())
    step("orm", orm)

    # Reflection: what SQLAlchemy's PostgreSQL dialect reads from pg_catalog.
    def reflect():
        insp = inspect(engine)
        print("tables", sorted(t for t in insp.get_table_names() if t.startswith("sa_")))
        for t in ("sa_authors", "sa_books", "sa_members"):
            for c in insp.get_columns(t):
                print("column", t, c["name"], repr(c["type"]), c["nullable"], c["default"],
                      c.get("autoincrement"))
            print("pk", t, insp.get_pk_constraint(t))
            print("fks", t, insp.get_foreign_keys(t))
            print("indexes", t, sorted(insp.get_indexes(t), key=lambda i: i["name"]))
            print("uniques", t, sorted(insp.get_unique_constraints(t), key=lambda i: i["name"]))
        m2 = sa.MetaData()
        t = sa.Table("sa_books", m2, autoload_with=engine)
        print("autoload", [c.name for c in t.columns], [fk.target_fullname
                                                        for fk in t.foreign_keys])
    step("reflect", reflect)

    def cleanup():
        Base.metadata.drop_all(engine)
        meta.drop_all(engine)
        print("dropped", sorted(t for t in inspect(engine).get_table_names()
                                if t.startswith("sa_")))
    step("cleanup", cleanup)
    engine.dispose()
    print("-- done")


if __name__ == "__main__":
    main()
