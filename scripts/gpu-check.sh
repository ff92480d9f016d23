#!/usr/bin/env bash
# One call that says what the GPU build (mvn -Dgpu: ND4J's CUDA backend, nd4j-cuda-11.6 1.0.0-M2.1) does on this
# machine: the device and driver, then (dependencies resolved first, everything after offline) `bench` for every cell
# at the classic shape on the GPU beside the CPU's fast layers, and one epoch of the default plan on the GPU, with one
# summary line per measurement. About 5 minutes once the dependencies are downloaded (the first time: about 600 MB of
# CUDA natives); docs/spark-and-gpu.md says what it checks and why.
#
#   scripts/gpu-check.sh            checks first, then builds and measures; logs in target/gpu-check/
#   scripts/gpu-check.sh --force    measures even on a GPU the natives have no kernels for (to see the failure itself)
#
# A failure is one `error:` line on stderr and exit 1: no driver, no device, a driver too old for a CUDA 11 runtime, a
# compute capability ND4J's natives carry no code for, CUDA 11 libraries missing, or a step that failed (its log named).
set -uo pipefail
cd "$(dirname "$0")/.."

# What the natives of nd4j-cuda-11.6 1.0.0-M2.1 (linux-x86_64) carry: SASS for sm_37, 50, 52, 60, 61, 70, 75, 80, 86
# and no PTX, so compute capability 3.7 to 8.9 runs (8.7 and 8.9 on the 8.6 code) and nothing newer can JIT.
MIN_CAPABILITY=3.7
MAX_CAPABILITY=8.9
CUDA_DRIVER=510.39.01    # CUDA 11.6's own minimum on Linux (its runtime is linked into libnd4jcuda.so)
MIN_DRIVER=450.80.02     # the oldest a CUDA 11 runtime starts on, by CUDA's minor-version compatibility
VARIANTS=simple_rnn,gru,lstm,peephole_lstm,ind_rnn,min_gru,min_lstm

force=false
[ "${1:-}" = "--force" ] && force=true

fail() { echo "error: $*" >&2; exit 1; }

# dotted versions: is $1 < $2?
older() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]; }

# one line per GPU, the fields asked, nvidia-smi's warnings left out
smi() { nvidia-smi --query-gpu="$1" --format=csv,noheader 2> /dev/null; }

command -v nvidia-smi > /dev/null \
  || fail "no NVIDIA driver here (nvidia-smi not found): the GPU check needs a Linux machine with an NVIDIA GPU and its driver"
if ! driver=$(smi driver_version | head -1) || [ -z "$driver" ]; then
  said=$(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>&1 | head -1)
  fail "no NVIDIA GPU visible: nvidia-smi says '${said:-nothing}'"
fi
driver=$(echo "$driver" | xargs)
[[ "$driver" =~ ^[0-9]+(\.[0-9]+)*$ ]] || fail "nvidia-smi gave no driver version ('$driver')"
older "$driver" "$MIN_DRIVER" \
  && fail "NVIDIA driver $driver is older than $MIN_DRIVER, the oldest a CUDA 11 runtime (the GPU build's) starts on: update the driver"
# compute_cap is a field of newer drivers' nvidia-smi only
if ! devices=$(smi name,compute_cap,memory.total) || [ -z "$devices" ]; then
  $force || fail "nvidia-smi of driver $driver does not report compute capabilities, so the check cannot tell whether ND4J's" \
    "natives run here (they carry $MIN_CAPABILITY to $MAX_CAPABILITY); --force measures without that check"
  devices=$(smi name,memory.total | sed 's/,/, unknown,/')
fi
capability=
i=0
while IFS=',' read -r n c m; do
  n=$(echo "$n" | xargs); c=$(echo "$c" | xargs); m=$(echo "$m" | xargs)
  if ! $force; then
    [[ "$c" =~ ^[0-9]+\.[0-9]+$ ]] || fail "nvidia-smi gave no compute capability for GPU $i ($n: '$c')"
    if older "$c" "$MIN_CAPABILITY" || older "$MAX_CAPABILITY" "$c"; then
      fail "no kernel image for compute capability $c (GPU $i, $n): ND4J 1.0.0-M2.1's CUDA natives carry code for" \
        "$MIN_CAPABILITY to $MAX_CAPABILITY only (sm_37 to sm_86, no PTX; docs/spark-and-gpu.md); --force tries anyway"
    fi
  fi
  [ $i = 0 ] && { name=$n; capability=$c; memory=$m; }
  i=$((i + 1))
done <<< "$devices"

out=target/gpu-check
mkdir -p $out
rm -f $out/bench-gpu.csv $out/bench-cpu.csv
echo "gpu-check: device $name, compute capability $capability, $memory, driver $driver ($i GPU(s); the first measured)"
older "$driver" "$CUDA_DRIVER" \
  && echo "gpu-check: driver $driver is older than CUDA 11.6's $CUDA_DRIVER: the build runs, if at all, by CUDA's minor-version compatibility"
# nvidia-smi lists GPUs in PCI order; CUDA's device 0 is then the first of its list
export CUDA_DEVICE_ORDER=PCI_BUS_ID CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-0}

# Step NAME COMMAND...: runs it with its output in $out/NAME.log; a failure becomes one line naming the cause.
step() {
  local what=$1; shift
  "$@" > "$out/$what.log" 2>&1 && return 0
  local code=$? log=$out/$what.log
  if grep -qi "no kernel image is available\|NoKernelImageForDevice" "$log"; then
    fail "no kernel image for compute capability $capability ($name): ND4J's CUDA natives have none for it ($log)"
  elif grep -qi "driver version is insufficient\|InsufficientDriver" "$log"; then
    fail "NVIDIA driver $driver is too old for CUDA 11.6 ($log): update the driver"
  fi
  # the libraries the loader could not find, as "libcublas.so.11: cannot open shared object file" names them
  local missing
  missing=$(grep -o 'lib[A-Za-z0-9_+-]*\.so[0-9.]*: cannot open shared object' "$log" | cut -d: -f1 | sort -u | xargs)
  if [[ " $missing " == *" libcuda.so.1 "* ]]; then
    fail "the NVIDIA driver's libcuda.so.1 is not on the library path ($log): reinstall the driver or add its folder to LD_LIBRARY_PATH"
  elif [ -n "$missing" ]; then
    fail "CUDA 11 libraries missing ($missing): install CUDA 11.6's runtime, cuBLAS and cuSOLVER, or add" \
      "org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist to the gpu profile (docs/spark-and-gpu.md; $log)"
  elif grep -q "^error: " "$log"; then
    fail "$(grep -m1 '^error: ' "$log" | cut -c8-) ($what; $log)"
  elif grep -q "^\[ERROR\] " "$log"; then
    fail "$what: Maven says '$(grep -m1 '^\[ERROR\] ' "$log" | cut -c9-)' ($log)"
  fi
  fail "$what failed (exit $code); its output: $log"
}

start=$SECONDS
# Everything resolved first (the GPU build and the CPU build's class paths), then the measurements run offline.
step build-cpu mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=$out/cpu.cp
step build-gpu mvn -B -q -Dgpu dependency:build-classpath -Dmdep.outputFile=$out/gpu.cp
echo "gpu-check: build: both class paths resolved, $((SECONDS - start)) s"

# The suite's JVM options; the GPU's process may hold more host memory than the CPU limit the file sets.
opts=$(grep -v '^#' .mvn/jvm.config | tr '\n' ' ')
suite() { # class path file, extra JVM options, then the command line
  local cp=$1 extra=$2; shift 2
  # shellcheck disable=SC2086
  java $opts $extra -cp "target/classes:$(cat "$cp")" rnnsuite.cli.Main "$@"
}
bench_args=(bench --variant $VARIANTS --batch 32 --seq-len 100 --units 128 --layers 3 --warmup 2 --seconds 5)

step bench-gpu suite $out/gpu.cp "-Dorg.bytedeco.javacpp.maxphysicalbytes=0" "${bench_args[@]}" --impl stock --csv $out/bench-gpu.csv
step bench-cpu suite $out/cpu.cp "" "${bench_args[@]}" --impl fast --csv $out/bench-cpu.csv

# samples/s per cell of one BENCH log
rate() { grep "^BENCH .*variant=$2 " "$out/$1.log" | sed -n 's/.*samples_per_sec=\([0-9.]*\).*/\1/p' | head -1; }
for v in ${VARIANTS//,/ }; do
  g=$(rate bench-gpu "$v"); c=$(rate bench-cpu "$v")
  [ -n "$g" ] && [ -n "$c" ] || fail "bench printed no rate for $v ($out/bench-gpu.log, $out/bench-cpu.log)"
  echo "gpu-check: bench $v 3x128 batch 32 T=100: GPU (DL4J's layers) ${g:-?} samples/s, CPU (fast layers) ${c:-?} samples/s"
done

step plan-gpu suite $out/gpu.cp "-Dorg.bytedeco.javacpp.maxphysicalbytes=0" run experiments/default.yaml \
  --set train.epochs=1 --set 'seeds=[1]' --parallel 1 --results $out/results --fresh
grep "done:" $out/plan-gpu.log | sed 's/^\[[0-9/]*\] */gpu-check: default plan, 1 epoch on the GPU: /'
echo "gpu-check: finished in $((SECONDS - start)) s; logs and CSVs in $out/"
