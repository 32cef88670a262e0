#!/usr/bin/env bash
# The lifecycle adapter of `movescope live` for real kevy 5.4 processes (docs/live.md "Against kevy").
#
#   scripts/kevy-adapter.sh ACTION NODE [PORT] [CONFIG]
#
# ACTION: start | stop | crash | restart | snapshot | push-config | eintr | start-all | stop-all
# NODE:   the scenario's node id; its config is $KEVY_NODES/NODE.toml (written by `movescope kevy-config`),
#         its pid file $KEVY_NODES/NODE.pid, its log $KEVY_NODES/NODE.log.
# PORT:   its client port (for snapshot and the readiness wait; default: read from NODE.toml).
# CONFIG: push-config: the new TOML file to install as NODE.toml (atomically).
#
# Environment: KEVY_BIN (default: kevy on PATH), KEVY_NODES (default: ./kevy-nodes), REDIS_CLI (redis-cli).
# Exit 0 = done, 64 = this adapter cannot do ACTION (movescope live then skips the step with a note).
#
# Use with:  movescope live S.json --cluster a=127.0.0.1:7001,... \
#              --adapter "shell:scripts/kevy-adapter.sh {action} {node} {port} {config}" --node-dir kevy-nodes
set -euo pipefail
action="${1:?usage: kevy-adapter.sh ACTION NODE [PORT] [CONFIG]}"
node="${2:-}"
nodes="${KEVY_NODES:-./kevy-nodes}"
bin="${KEVY_BIN:-kevy}"
cli="${REDIS_CLI:-redis-cli}"

port_of() { sed -n 's/^port = \([0-9]*\)$/\1/p' "$nodes/$1.toml" | head -1; }
port="${3:-}"
if [ -z "$port" ] && [ -n "$node" ] && [ -f "$nodes/$node.toml" ]; then port="$(port_of "$node")"; fi

running() { [ -f "$nodes/$1.pid" ] && kill -0 "$(cat "$nodes/$1.pid")" 2>/dev/null; }

start() {
  local n="$1" p
  p="$(port_of "$n")"
  if running "$n"; then return 0; fi
  mkdir -p "$nodes/$n"
  # kevy reads [server] data_dir from the TOML; its AOF and dump files live there across restarts.
  nohup "$bin" --config "$nodes/$n.toml" >>"$nodes/$n.log" 2>&1 &
  echo $! >"$nodes/$n.pid"
  # Ready when it answers PING (bounded: 100 x 0.1 s).
  for _ in $(seq 1 100); do
    if "$cli" -p "$p" PING >/dev/null 2>&1; then return 0; fi
    if ! running "$n"; then echo "kevy $n exited at boot; see $nodes/$n.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "kevy $n did not answer PING on port $p within 10 s" >&2
  return 1
}

stop() {  # SIGTERM: kevy stops without a snapshot (kevy-source-facts: only SHUTDOWN SAVE takes one)
  local n="$1"
  if running "$n"; then
    local pid; pid="$(cat "$nodes/$n.pid")"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$nodes/$n.pid"
}

crash() {  # the process dies at once: SIGKILL, nothing flushed beyond what the AOF policy wrote
  local n="$1"
  if running "$n"; then kill -KILL "$(cat "$nodes/$n.pid")" 2>/dev/null || true; sleep 0.1; fi
  rm -f "$nodes/$n.pid"
}

case "$action" in
  start) start "$node" ;;
  stop) stop "$node" ;;
  crash) crash "$node" ;;
  restart) stop "$node"; start "$node" ;;
  snapshot) "$cli" -p "$port" SAVE ;;
  push-config)
    cfg="${4:?push-config needs the new config file}"
    cp "$cfg" "$nodes/$node.toml.tmp" && mv "$nodes/$node.toml.tmp" "$nodes/$node.toml" ;;
  eintr) echo "a spurious EINTR cannot be planted in a real kevy process" >&2; exit 64 ;;
  start-all) for f in "$nodes"/*.toml; do start "$(basename "$f" .toml)"; done ;;
  stop-all) for f in "$nodes"/*.toml; do stop "$(basename "$f" .toml)"; done ;;
  *) echo "unknown action '$action' (start, stop, crash, restart, snapshot, push-config, eintr, start-all, stop-all)" >&2; exit 64 ;;
esac
