#!/usr/bin/env python3
"""Concurrency and crash safety under load.

1. Transfers: several sessions move money between accounts at READ
   COMMITTED, REPEATABLE READ and SERIALIZABLE, in random account order (so writers
   wait for each other and deadlocks happen), retrying 40001 and 40P01. Every
   acknowledged transfer is recorded by the client; at the end each
   account's balance must equal its start plus exactly the acknowledged
   transfers (so the total is conserved and no update is lost), on
   PostgreSQL 15 (which validates the test) and on stratad -- and on stratad
   again after a kill -9 and restart (txid_current() keeps increasing).
2. Crash: several sessions commit 3-row transactions while stratad is killed
   with -9 at random moments, several rounds. After each restart every
   acknowledged transaction is present with all its rows, no transaction is
   partly present, and nothing appears that was never sent.
"""
import argparse
import os
import random
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402

ACCOUNTS = 8
START_BALANCE = 1000
SESSIONS = 5
TRANSFERS_PER_SESSION = 60
RETRYABLE = {"40001", "40P01"}


def connect(server):
    c = pgwire.Connection(unix_path=os.path.join(server.host, f".s.PGSQL.{server.port}"),
                          timeout=120)
    c.startup()
    c.read_until_ready()
    return c


def errors(msgs):
    return [m.fields().get("C") for m in msgs if m.kind == b"E"]


def rows(msgs):
    """Data rows as lists of text values."""
    out = []
    for m in msgs:
        if m.kind != b"D":
            continue
        body, n, pos, row = m.body, int.from_bytes(m.body[:2], "big"), 2, []
        for _ in range(n):
            length = int.from_bytes(body[pos:pos + 4], "big", signed=True)
            pos += 4
            row.append(None if length < 0 else body[pos:pos + length].decode())
            pos += max(length, 0)
        out.append(row)
    return out


def transfer_worker(server, isolation, seed, acked, failures):
    rng = random.Random(seed)
    c = connect(server)
    try:
        c.query("set deadlock_timeout = '50ms'")
        done = 0
        while done < TRANSFERS_PER_SESSION:
            a, b = rng.sample(range(1, ACCOUNTS + 1), 2)
            amount = rng.randint(1, 50)
            sql = (f"begin isolation level {isolation}; "
                   f"update acct set balance = balance - {amount} where id = {a}; "
                   f"update acct set balance = balance + {amount} where id = {b}; commit")
            msgs = c.query(sql)
            errs = errors(msgs)
            if not errs:
                acked.append((a, b, amount))
                done += 1
                continue
            # The failed block still needs its ROLLBACK.
            c.query("rollback")
            if any(e not in RETRYABLE for e in errs):
                failures.append(f"transfer failed with {errs}")
                return
    except Exception as e:  # noqa: BLE001
        failures.append(f"worker error: {e!r}")
    finally:
        c.close()


def check_balances(server, acked, label):
    expected = {i: START_BALANCE for i in range(1, ACCOUNTS + 1)}
    for a, b, amount in acked:
        expected[a] -= amount
        expected[b] += amount
    c = connect(server)
    got = {int(r[0]): int(r[1]) for r in rows(c.query("select id, balance from acct"))}
    c.close()
    if got != expected:
        print(f"FAIL {label}: balances {got}, expected {expected}")
        return False
    print(f"ok   {label}: {len(acked)} transfers, total {sum(got.values())}")
    return True


def run_transfers(server, isolation):
    c = connect(server)
    c.query("drop table if exists acct; create table acct (id int primary key, balance int); "
            f"insert into acct select g, {START_BALANCE} from generate_series(1, {ACCOUNTS}) g")
    c.close()
    acked, failures = [], []
    threads = [threading.Thread(target=transfer_worker,
                                args=(server, isolation, seed, acked, failures))
               for seed in range(SESSIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for f in failures:
        print(f"FAIL {isolation}: {f}")
    return acked, not failures


def txid(server):
    c = connect(server)
    value = int(rows(c.query("select txid_current()"))[0][0])
    c.close()
    return value


def crash_worker(server, worker, sent, acked, stop):
    try:
        c = connect(server)
    except Exception:  # noqa: BLE001
        return
    n = 0
    try:
        while not stop.is_set():
            tag = f"{worker}-{n}"
            n += 1
            sent.add(tag)
            msgs = c.query("begin; " + "; ".join(
                f"insert into crash values ('{tag}', {k})" for k in range(3)) + "; commit")
            if errors(msgs):
                return
            acked.add(tag)
    except Exception:  # noqa: BLE001 -- the server was killed under us
        return
    finally:
        c.close()


def crash_rounds(strata, rounds, rng):
    ok = True
    c = connect(strata)
    c.query("create table crash (tag text, k int, primary key (tag, k))")
    c.close()
    all_sent, all_acked = set(), set()
    for r in range(rounds):
        sent, acked, stop = set(), set(), threading.Event()
        threads = [threading.Thread(target=crash_worker, args=(strata, f"r{r}w{w}", sent, acked, stop))
                   for w in range(4)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.5, 1.5))
        strata.stop(sig=signal.SIGKILL)
        stop.set()
        for t in threads:
            t.join()
        all_sent |= sent
        all_acked |= acked
        strata.start()
        c = connect(strata)
        counts = {row[0]: int(row[1]) for row in
                  rows(c.query("select tag, count(*) from crash group by tag"))}
        c.close()
        missing = [t for t in all_acked if counts.get(t) != 3]
        partial = [t for t, n in counts.items() if n != 3]
        unknown = [t for t in counts if t not in all_sent]
        if missing or partial or unknown:
            ok = False
            print(f"FAIL crash round {r}: missing {missing[:5]}, partial {partial[:5]}, "
                  f"never sent {unknown[:5]}")
        else:
            print(f"ok   crash round {r}: {len(all_acked)} acknowledged transactions present, "
                  f"{len(counts) - len(all_acked)} in-flight ones committed")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    parser.add_argument("--crash-rounds", type=int, default=3)
    args = parser.parse_args()
    ref = harness.ReferencePostgres()
    strata = harness.Stratad(args.stratad)
    ok = True
    try:
        ref.start()
        strata.start()
        for isolation in ("read committed", "repeatable read", "serializable"):
            acked, fine = run_transfers(ref, isolation)
            ok &= fine and check_balances(ref, acked, f"postgresql-15 {isolation}")
            acked, fine = run_transfers(strata, isolation)
            ok &= fine and check_balances(strata, acked, f"stratad {isolation}")
        before = txid(strata)
        strata.stop(sig=signal.SIGKILL)
        strata.start()
        ok &= check_balances(strata, acked, "stratad after kill -9 and restart")
        after = txid(strata)
        if after <= before:
            ok = False
            print(f"FAIL txid_current() went from {before} to {after} across a kill -9")
        else:
            print(f"ok   txid_current() increases across a kill -9 ({before} -> {after})")
        ok &= crash_rounds(strata, args.crash_rounds, random.Random(42))
    finally:
        strata.stop()
        ref.cleanup()
        strata.cleanup()
    print("all checks passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
