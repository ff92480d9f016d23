#!/usr/bin/env bash
# A Spark 3.5.7 standalone cluster on this machine, built from Maven's copy of Spark (no Spark download): a master
# and a worker, each a JVM of its own, the worker launching executor JVMs; the suite submitted to it with Spark's
# own spark-submit class. docs/spark-and-gpu.md walks through it.
#
#   scripts/spark-cluster.sh start [CORES] [MEMORY]    master spark://127.0.0.1:7077 (web UI :8080), one worker (UI :8081)
#   scripts/spark-cluster.sh submit run PLAN [OPTIONS]  the suite's driver here (client mode), runs on the executors
#   scripts/spark-cluster.sh status                     the master's and worker's processes and the executors
#   scripts/spark-cluster.sh stop                       stops the worker, its executors and the master
#
# Everything lives in target/spark-cluster/ (logs: master.log, worker.log, work/<app>/<executor>/stderr);
# RNNSUITE_CLUSTER_DIR and RNNSUITE_CLUSTER_PORT (7077) choose another folder and master port, web UIs then on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
state=$(realpath -m "${RNNSUITE_CLUSTER_DIR:-target/spark-cluster}")
home=$state/home
port=${RNNSUITE_CLUSTER_PORT:-7077}
master_url=spark://127.0.0.1:$port
ui_ports=(8080 8081)
[ "$port" = 7077 ] || ui_ports=(0 0)
cores_file=$state/cores
# Spark on Java 17 needs these opened: the same list .mvn/jvm.config gives exec:java.
opens=$(grep -- '--add-opens' .mvn/jvm.config | tr '\n' ' ')

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # file, text, seconds
  for _ in $(seq 1 "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 1; done
  echo "error: '$2' did not appear in $1 within $3 s; see that log" >&2
  return 1
}

start() {
  local cores=${1:-2} memory=${2:-4g}
  if running $state/master.pid; then echo "error: a cluster is already running (scripts/spark-cluster.sh stop first)" >&2; exit 2; fi
  mkdir -p $home/jars $state/work
  [ -f target/rnn-suite-cluster.jar ] || mvn -q -Pcluster package -DskipTests
  # Spark's own class path and nothing of the suite's (scripts/spark-home/pom.xml), as a SPARK_HOME's jars/: the worker
  # launches executors from it, and the suite's classes and natives come from the cluster jar alone, as on a real
  # cluster. A RELEASE file marks a binary installation, SPARK_SCALA_VERSION saves a search.
  mvn -q -f scripts/spark-home/pom.xml dependency:build-classpath -Dmdep.outputFile="$state/spark.cp"
  rm -f $home/jars/*.jar
  # (the file has no newline at its end: read's last line counts too)
  tr ':' '\n' < $state/spark.cp | while read -r jar || [ -n "$jar" ]; do ln -sf "$jar" $home/jars/; done
  echo "Spark 3.5.7 class path from Maven (scripts/spark-cluster.sh)" > $home/RELEASE
  echo "$cores" > $cores_file
  export SPARK_HOME=$home SPARK_SCALA_VERSION=2.12
  nohup java $opens -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "${ui_ports[0]}" > $state/master.log 2>&1 &
  echo $! > $state/master.pid
  wait_for $state/master.log "I have been elected leader" 60
  nohup java $opens -Xmx512m -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "$cores" --memory "$memory" --webui-port "${ui_ports[1]}" --work-dir $state/work $master_url \
    > $state/worker.log 2>&1 &
  echo $! > $state/worker.pid
  wait_for $state/worker.log "Successfully registered with master" 60
  echo "cluster up: master $master_url, one worker with $cores cores and $memory"
}

submit() {
  running $state/master.pid || { echo "error: no cluster running: scripts/spark-cluster.sh start" >&2; exit 2; }
  local cores
  cores=$(cat $cores_file)
  # One executor with every core of the worker, one core per run (task), one thread per run: runs side by side.
  # SPARK_SUBMIT_OPTS: more options for the driver JVM, as for spark-submit (-Dspark.* settings among them)
  # shellcheck disable=SC2086
  SPARK_HOME=$home exec java --add-modules jdk.incubator.vector $opens -Xmx2g ${SPARK_SUBMIT_OPTS:-} -cp "$home/jars/*" \
    org.apache.spark.deploy.SparkSubmit --master $master_url --class rnnsuite.cli.Main \
    --conf spark.executor.cores="$cores" --conf spark.task.cpus=1 \
    --conf spark.executor.memory=2g --conf spark.executor.memoryOverhead=2g \
    --conf "spark.executor.extraJavaOptions=--add-modules jdk.incubator.vector -Drnnsuite.threads=1 $opens" \
    target/rnn-suite-cluster.jar "$@" --engine spark
}

status() {
  for p in master worker; do
    if running $state/$p.pid; then echo "$p: running (pid $(cat $state/$p.pid))"; else echo "$p: not running"; fi
  done
  pgrep -f "$home/.*CoarseGrainedExecutorBackend" | sed 's/^/executor: pid /' || echo "executors: none"
}

stop() {
  for p in worker master; do
    if running $state/$p.pid; then
      kill "$(cat $state/$p.pid)"
      for _ in $(seq 1 30); do running $state/$p.pid || break; sleep 1; done
    fi
    rm -f $state/$p.pid
  done
  # the worker stops its executors as it goes; any left over (a worker killed hard) are ours by their class path
  pkill -f "$home/.*CoarseGrainedExecutorBackend" 2>/dev/null || true
  echo "cluster stopped"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  submit) shift; submit "$@" ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: scripts/spark-cluster.sh start [CORES] [MEMORY] | submit run PLAN [OPTIONS] | status | stop" >&2; exit 2 ;;
esac
