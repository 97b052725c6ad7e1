# Sourced by the JMH-jar scripts (run from the repository root): builds the engine and
# bench/target/benchmarks.jar unless SKIP_BUILD=1, and sets `pin` to the command that pins a process to
# one core (empty when taskset is missing).
MVN=${MVN:-$(command -v mvn || echo ./mvnw)}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the engine and bench/target/benchmarks.jar ..." >&2
  # bench is a module of the reactor: nothing is installed into ~/.m2.
  "$MVN" -q -B package -DskipTests -pl bench -am
fi

pin=()
if command -v taskset >/dev/null 2>&1; then
  pin=(taskset -c 0)
else
  echo "taskset not found: running on all cores" >&2
fi
