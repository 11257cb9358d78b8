#!/usr/bin/env bash
# Installs Azurite (npm) into .ci/.npm and starts Blob/Queue/Table on 127.0.0.1:10000-10002 in the
# background, data under .ci/.out/azurite. Source it: it exports EDTECH_AZURITE_CONNECTION_STRING.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/.ci/.npm"
bin="$tools/node_modules/.bin/azurite"
if [ ! -x "$bin" ]; then
  command -v npm >/dev/null 2>&1 || { echo "azurite: npm is required (Node 20)" >&2; return 1 2>/dev/null || exit 1; }
  npm install --prefix "$tools" --no-audit --no-fund --silent azurite@3.37.0 >/dev/null || { echo "azurite: npm install failed" >&2; return 1 2>/dev/null || exit 1; }
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null; then
  mkdir -p "$root/.ci/.out/azurite"
  nohup "$bin" --silent --skipApiVersionCheck --loose --location "$root/.ci/.out/azurite" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > "$root/.ci/.out/azurite.log" 2>&1 &
  # The caller stops it when done (.ci/run traps EXIT): an Azurite left running outlives its clone, and a later run that
  # finds it listening would use a server whose data folder was deleted (blobs unreadable: the durable engine on Azure
  # Storage then never runs an orchestration).
  export EDTECH_AZURITE_PID=$!
  for _ in $(seq 1 60); do
    (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    sleep 0.5
  done
fi
for port in 10000 10001 10002; do
  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "azurite: nothing listens on 127.0.0.1:$port" >&2; return 1 2>/dev/null || exit 1; }
done
export EDTECH_AZURITE_CONNECTION_STRING="UseDevelopmentStorage=true"
echo "azurite: listening on 127.0.0.1:10000-10002"
