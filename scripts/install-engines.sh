#!/usr/bin/env bash
# Installs the two SQL engines the spark/trino dialect tests run against, outside the repository
# (npm ci wipes node_modules, and CI clones afresh): a PySpark venv and an unpacked Trino server.
#   scripts/install-engines.sh            both
#   scripts/install-engines.sh spark      PySpark only (needs python3 and Java 17)
#   scripts/install-engines.sh trino      Trino only (needs curl, sha1sum and Java 24+)
# Where: $TRACKPLAN_ENGINES, else ${XDG_CACHE_HOME:-~/.cache}/trackplan-engines. The tests look
# there too (test/engines/engines-home.ts). Re-running is cheap: what is there and whole is kept.
set -euo pipefail

# Pinned: the newest PySpark that runs on Java 17 here, and the newest Trino that Maven Central's
# metadata lists (it needs Java 24 or later; we run it with the machine's Temurin 25).
PYSPARK_VERSION=4.0.1
TRINO_VERSION=476

home="${TRACKPLAN_ENGINES:-${XDG_CACHE_HOME:-$HOME/.cache}/trackplan-engines}"
mkdir -p "$home"
what="${1:-all}"

install_spark() {
  local venv="$home/spark-venv"
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    echo "install-engines: PySpark $PYSPARK_VERSION already in $venv"
    return
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
  echo "install-engines: PySpark $PYSPARK_VERSION in $venv"
}

install_trino() {
  local dir="$home/trino-server-$TRINO_VERSION"
  if [ -f "$dir/.complete" ]; then
    echo "install-engines: Trino $TRINO_VERSION already in $dir"
    return
  fi
  local url="https://repo1.maven.org/maven2/io/trino/trino-server/$TRINO_VERSION/trino-server-$TRINO_VERSION.tar.gz"
  local tarball="$home/trino-server-$TRINO_VERSION.tar.gz"
  local expected
  expected="$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)"
  if [ ! -f "$tarball" ] || [ "$(sha1sum "$tarball" | cut -c1-40)" != "$expected" ]; then
    # -C - resumes a partial download (the tarball is about 800 MB).
    curl -fsSL --retry 3 -C - -o "$tarball" "$url" || curl -fsSL --retry 3 -o "$tarball" "$url"
  fi
  local actual
  actual="$(sha1sum "$tarball" | cut -c1-40)"
  if [ "$actual" != "$expected" ]; then
    rm -f "$tarball"
    echo "install-engines: trino-server-$TRINO_VERSION.tar.gz has SHA-1 $actual, Maven Central says $expected; removed it, run again" >&2
    exit 1
  fi
  rm -rf "$dir"
  tar -xzf "$tarball" -C "$home"
  touch "$dir/.complete"
  # The unpacked server is what the tests use; the tarball is only kept to skip a re-download.
  echo "install-engines: Trino $TRINO_VERSION in $dir"
}

case "$what" in
  all) install_spark; install_trino ;;
  spark) install_spark ;;
  trino) install_trino ;;
  *) echo "usage: scripts/install-engines.sh [all|spark|trino]" >&2; exit 2 ;;
esac
