"""Runs compiled audit SQL on a local Spark (PySpark), for the spark dialect's tests.

One Spark session serves many jobs: it reads one JSON job per line on stdin and answers one
JSON line on stdout, so a test file pays Spark's start-up once.

  job:    {"files": [{"path": "/abs/a.ndjson", "name": "a.ndjson"}], "sql": "SELECT ...",
           "out": "/abs/rows.jsonl", "view": "messages"}
  answer: {"ok": true, "rows": 12, "loadMs": 850, "queryMs": 1200}
          {"ok": false, "error": "..."}

Each job first makes the contract relation `view` (file STRING, line BIGINT, message STRING)
from the files, as docs/sql.md defines it: a row per line, split at LF only, numbered from 1,
the text as it is (CR, byte-order mark and white space are the query's to read); a last line
without LF counts when not empty; a file with no lines gives one row with NULL line and
message. A `.gz` file is read through gzip; bytes that are not UTF-8 become U+FFFD.

The rows are written with Spark's own JSON writer (`DataFrame.toJSON`), as a Spark job
exporting them would: a NULL column is left out of its row, not written as null.

Also runs once from the command line:
  python spark_driver.py --sql query.sql --out rows.jsonl --name a.ndjson=/abs/a.ndjson ...
"""

import gzip
import json
import os
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

SCHEMA = StructType([
    StructField("file", StringType(), True),
    StructField("line", LongType(), True),
    StructField("message", StringType(), True),
])


def contract_rows(path, name):
    """(file, line, message) for every line of one NDJSON file: test/engines/contract.ts's rule."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    # Split at LF only: str.splitlines() would split at CR, VT, FF, U+2028 and more.
    lines = text.split("\n")
    # "a\nb\n" splits into ["a", "b", ""]: the empty piece after the last LF is no line.
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return [(name, None, None)]
    return [(name, i, line) for i, line in enumerate(lines, start=1)]


def session():
    # local[*]: every core of the machine; no UI (a port, and start-up time); few shuffle
    # partitions, since a test's data is small and each partition costs a task.
    return (
        SparkSession.builder.master(os.environ.get("TRACKPLAN_SPARK_MASTER", "local[*]"))
        .appName("trackplan-sql-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", os.environ.get("TRACKPLAN_SPARK_PARTITIONS", "4"))
        .config("spark.sql.session.timeZone", "UTC")
        # JSON.parse keeps the last of duplicate keys; parse_json refuses such an object unless told.
        .config("spark.sql.variant.allowDuplicateKeys", "true")
        .config("spark.driver.memory", os.environ.get("TRACKPLAN_SPARK_MEMORY", "2g"))
        # The compiled audit is one statement of hundreds of CTEs and UNION ALL branches: the
        # parser and analyzer recurse through it deeper than the default thread stack allows.
        .config("spark.driver.extraJavaOptions", "-Xss64m")
        .getOrCreate()
    )


def run_job(spark, job):
    started = time.monotonic()
    rows = []
    for f in job["files"]:
        rows.extend(contract_rows(f["path"], f.get("name", f["path"])))
    # From an RDD, never a local list: over a LocalRelation the optimizer evaluates the whole
    # query itself (ConvertToLocalRelation), which for the compiled audit does not end. A table
    # on files or an RDD is what a real job reads. Enough slices for every core to work.
    slices = max(1, min(8, len(rows) // 5000))
    frame = spark.createDataFrame(spark.sparkContext.parallelize(rows, slices), SCHEMA)
    frame.createOrReplaceTempView(job.get("view", "messages"))
    loaded = time.monotonic()
    result = spark.sql(job["sql"])
    count = 0
    with open(job["out"], "w", encoding="utf-8", newline="\n") as out:
        for line in result.toJSON().toLocalIterator():
            out.write(line)
            out.write("\n")
            count += 1
    done = time.monotonic()
    return {"ok": True, "rows": count, "loadMs": round((loaded - started) * 1000),
            "queryMs": round((done - loaded) * 1000)}


def serve(spark):
    answer = sys.stdout
    # Spark and py4j write to stdout at times; answers go on a private copy of it.
    sys.stdout = sys.stderr
    answer.write(json.dumps({"ok": True, "ready": True, "version": spark.version}) + "\n")
    answer.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = run_job(spark, json.loads(line))
        except Exception as e:  # the test shows the engine's message; the session lives on
            reply = {"ok": False, "error": f"{type(e).__name__}: {e}"[:4000]}
        answer.write(json.dumps(reply) + "\n")
        answer.flush()


def main(argv):
    if not argv:
        spark = session()
        spark.sparkContext.setLogLevel("ERROR")
        serve(spark)
        spark.stop()
        return 0
    args = {"files": []}
    it = iter(argv)
    for a in it:
        if a == "--sql":
            with open(next(it), encoding="utf-8") as f:
                args["sql"] = f.read()
        elif a == "--out":
            args["out"] = next(it)
        elif a == "--name":
            name, _, path = next(it).partition("=")
            args["files"].append({"name": name, "path": path})
        else:
            args["files"].append({"name": a, "path": a})
    if "sql" not in args or "out" not in args:
        print("usage: spark_driver.py --sql query.sql --out rows.jsonl FILE... | --name NAME=FILE ...", file=sys.stderr)
        return 2
    spark = session()
    spark.sparkContext.setLogLevel("ERROR")
    print(json.dumps(run_job(spark, args)))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
