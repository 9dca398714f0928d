#!/usr/bin/env bash
# A stand-in Development server for the contract suite's own tests: an upstream livestream-mock
# with its own data, secret and control token, and the standin proxy in front of it.
#
#   standin.sh start DIR [standin options...] [--fixtures-seed N] [--host-live]
#                        [--host-cannot-broadcast] [--opaque]
#       writes DIR/target.env (CONTRACT_BASE_URL, CONTRACT_TOKEN_{HOST,GUEST,AUDIENCE,OTHER},
#       CONTRACT_STATE_URL; with --opaque opaque tokens and CONTRACT_USER_ID_*), DIR/upstream.url,
#       DIR/control.token, DIR/standin.url, DIR/*.pid, DIR/roles (ROLE USER_ID lines),
#       DIR/background-users and, with --host-live, DIR/host-live-stream.id.
#   standin.sh stop DIR          stops the two processes start started (by their pid files)
#   standin.sh live-streams DIR  ids of the upstream's active or scheduled streams not deleted, one per line
#                                (the background users' own streams left out: they come and go)
#
# Binaries: $STANDIN_BIN, $LSM_MOCK_BIN, $GEN_FIXTURES_BIN (default: build/ of this checkout).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
STANDIN_BIN="${STANDIN_BIN:-$root/build/tests/standin/standin}"
LSM_MOCK_BIN="${LSM_MOCK_BIN:-$root/build/livestream-mock}"
GEN_FIXTURES_BIN="${GEN_FIXTURES_BIN:-$root/build/gen-fixtures}"
ROLES=(HOST GUEST AUDIENCE OTHER)

die() {
  echo "standin.sh: $*" >&2
  exit 1
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# Waits (at most 10 s) for "listening on http://..." in FILE; prints the URL.
wait_for_url() {
  local file="$1" pid="$2"
  for _ in $(seq 100); do
    local url
    url="$(grep -o 'listening on http://[0-9.:]*' "$file" 2>/dev/null | head -1 | cut -d' ' -f3)"
    if [ -n "$url" ]; then
      echo "$url"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

control() { # METHOD PATH [JSON]
  curl -sS --max-time 10 -X "$1" "$(cat "$dir/upstream.url")$2" \
    -H "X-Mock-Control-Token: $(cat "$dir/control.token")" \
    ${3:+-H 'Content-Type: application/json' --data "$3"}
}

# Stops the process of DIR/NAME.pid when it is still the one start started.
stop_one() {
  local pidfile="$dir/$1.pid" binary="$2" pid
  [ -f "$pidfile" ] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null && [ "$(basename "$(readlink "/proc/$pid/exe")")" = "$binary" ]; then
    kill -TERM "$pid"
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pidfile"
}

# Users who may broadcast and have no active or scheduled stream of their own, johndoe (whose id
# the bundled fixtures share) left out: the first four take the roles, the next two are the
# background users.
candidate_users() {
  jq -r --slurpfile streams "$dir/fixtures/streams.json" '
    ($streams[0] | map(select((.status == "active" or .status == "scheduled") and .deletedAt == null) | .creatorId)) as $busy
    | .[] | select(.canBroadcast and .username != "johndoe" and (._id as $id | $busy | index($id) | not))
    | ._id' "$dir/fixtures/users.json" | head -6
}

start() {
  local seed=20261 host_live=0 cannot_broadcast=0 opaque=0 standin_args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --fixtures-seed) seed="$2"; shift 2 ;;
      --host-live) host_live=1; shift ;;
      --host-cannot-broadcast) cannot_broadcast=1; shift ;;
      --opaque) opaque=1; shift ;;
      *) standin_args+=("$1"); shift ;;
    esac
  done
  mkdir -p "$dir"
  rm -rf "$dir/fixtures"
  "$GEN_FIXTURES_BIN" --out "$dir/fixtures" --seed "$seed" --users 40 --streams 16 \
    --messages 200 >"$dir/gen-fixtures.log"
  mapfile -t users < <(candidate_users)
  [ "${#users[@]}" -eq 6 ] || die "the generated fixtures have fewer than 6 users free to broadcast"
  : >"$dir/roles"
  for i in 0 1 2 3; do echo "${ROLES[$i]} ${users[$i]}" >>"$dir/roles"; done
  echo "${users[4]},${users[5]}" >"$dir/background-users"
  if [ "$cannot_broadcast" = 1 ]; then
    jq --arg id "${users[0]}" 'map(if ._id == $id then .canBroadcast = false else . end)' \
      "$dir/fixtures/users.json" >"$dir/users.json.new"
    mv "$dir/users.json.new" "$dir/fixtures/users.json"
  fi

  random_hex 16 >"$dir/control.token"
  "$LSM_MOCK_BIN" --host 127.0.0.1 --port 0 --fixtures "$dir/fixtures" --quiet \
    --jwt-secret "$(random_hex 24)" --control-token "$(cat "$dir/control.token")" \
    </dev/null >"$dir/upstream.out" 2>"$dir/upstream.err" &
  echo $! >"$dir/upstream.pid"
  wait_for_url "$dir/upstream.out" "$(cat "$dir/upstream.pid")" >"$dir/upstream.url" ||
    { stop_one upstream livestream-mock; die "the upstream mock did not start: $(cat "$dir/upstream.err")"; }

  local tokens=() i
  for i in 0 1 2 3; do
    tokens[i]="$(control POST /__mock/tokens "{\"userId\":\"${users[$i]}\"}" | jq -r '.data.token')"
    if [ -z "${tokens[i]}" ] || [ "${tokens[i]}" = null ]; then
      stop_one upstream livestream-mock
      die "cannot mint a token for ${users[$i]}"
    fi
  done
  local client_tokens=("${tokens[@]}")
  if [ "$opaque" = 1 ]; then
    : >"$dir/opaque-tokens"
    for i in 0 1 2 3; do
      client_tokens[i]="ost_$(random_hex 20)"
      echo "${client_tokens[i]} ${tokens[i]}" >>"$dir/opaque-tokens"
    done
    standin_args+=(--opaque-tokens "$dir/opaque-tokens")
  fi

  "$STANDIN_BIN" --upstream "$(cat "$dir/upstream.url")" \
    --upstream-control-token "$(cat "$dir/control.token")" \
    --background-users "$(cat "$dir/background-users")" "${standin_args[@]}" \
    </dev/null >"$dir/standin.out" 2>"$dir/standin.err" &
  echo $! >"$dir/standin.pid"
  wait_for_url "$dir/standin.out" "$(cat "$dir/standin.pid")" >"$dir/standin.url" || {
    stop_one standin standin
    stop_one upstream livestream-mock
    die "the stand-in did not start: $(cat "$dir/standin.err")"
  }

  if [ "$host_live" = 1 ]; then
    curl -sS --max-time 10 "$(cat "$dir/upstream.url")/api/v1/live-stream/create" \
      -H "Authorization: Bearer ${tokens[0]}" -F title="Host canlı yayın" -F liveStreamType=solo \
      -F interest=music -F durationGoal=60 | jq -er '.data.id' >"$dir/host-live-stream.id" ||
      { "$0" stop "$dir"; die "HOST could not go live"; }
  fi

  local base
  base="$(cat "$dir/standin.url")"
  {
    echo "CONTRACT_BASE_URL=$base"
    for i in 0 1 2 3; do echo "CONTRACT_TOKEN_${ROLES[$i]}=${client_tokens[i]}"; done
    if [ "$opaque" = 1 ]; then
      for i in 0 1 2 3; do echo "CONTRACT_USER_ID_${ROLES[$i]}=${users[$i]}"; done
    fi
    echo "CONTRACT_STATE_URL=$base/_standin/provider-states"
  } >"$dir/target.env"
}

live_streams() {
  control GET /__mock/state | jq -r --arg bg "$(cat "$dir/background-users")" '
    ($bg | split(",")) as $background
    | .data.streams[] | select((.status == "active" or .status == "scheduled") and .deletedAt == null)
    | select(.creatorId as $c | $background | index($c) | not) | .id'
}

[ $# -ge 2 ] || die "usage: standin.sh start|stop|live-streams DIR [options]"
command="$1"
dir="$2"
shift 2
case "$command" in
  start) start "$@" ;;
  stop)
    stop_one standin standin
    stop_one upstream livestream-mock
    ;;
  live-streams) live_streams ;;
  *) die "unknown command $command (start, stop, live-streams)" ;;
esac
