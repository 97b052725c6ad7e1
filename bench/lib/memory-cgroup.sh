# Sourced by bench scripts: runs commands inside a memory cgroup, as on a server with that much memory.
# memory_cgroup LIMIT NAME (LIMIT e.g. 512M, empty for none; needs root) sets:
#   launch      the command prefix that starts a command inside the cgroup (empty array: no limit);
#   limit_note  a phrase for the output ("memory cgroup of 512M" or "no memory limit");
#   cgroup      the cgroup's directory (empty: none); memory_cgroup_remove deletes it (call it on exit).
# Inside, the JVM sizes its default heap from the limit, and the kernel kills a process that holds more.
memory_cgroup() {
  local limit=$1 name=$2 limit_bytes
  launch=()
  limit_note="no memory limit"
  cgroup=""
  [ -n "$limit" ] || return 0
  limit_bytes=$(numfmt --from=iec "$limit")
  if [ -d /sys/fs/cgroup/memory ]; then
    cgroup=/sys/fs/cgroup/memory/$name-$$
    mkdir "$cgroup"
    echo "$limit_bytes" > "$cgroup/memory.limit_in_bytes"
  elif [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    cgroup=/sys/fs/cgroup/$name-$$
    mkdir "$cgroup"
    echo "$limit_bytes" > "$cgroup/memory.max"
  else
    echo "MEMORY_LIMIT: no memory cgroup found under /sys/fs/cgroup" >&2
    exit 2
  fi
  # sh moves itself into the cgroup, then becomes the command (same pid).
  launch=(sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cgroup")
  limit_note="memory cgroup of $limit"
}

memory_cgroup_remove() {
  if [ -n "${cgroup:-}" ]; then
    rmdir "$cgroup" 2>/dev/null || true
  fi
}
