# Source from .ci/run (bash): starts the Cosmos DB stand-in @vercel/cosmosdb-server on loopback for the
# Cosmos store contract tests, and exports EDTECH_COSMOS_ENDPOINT. The npm package is installed once into
# .ci/.tools (kept between runs on the same machine). The server stops by itself when the sourcing shell
# exits. Returns non-zero when it cannot be started; with EDTECH_REQUIRE_SERVICES=1 the tests then fail.
cosmos_start() {
  local version=1.0.1 port=${EDTECH_COSMOS_PORT:-8081} tools=.ci/.tools out=.ci/.out
  mkdir -p "$tools" "$out"
  if ! command -v node >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if ! grep -qs "\"version\": \"$version\"" "$tools/node_modules/@vercel/cosmosdb-server/package.json"; then
    npm install --prefix "$tools" --no-audit --no-fund --silent "@vercel/cosmosdb-server@$version" || return 1
  fi
  node .ci/services/cosmos-standin.js "$tools/node_modules" "$port" >"$out/cosmos.log" 2>&1 &
  local server=$!
  # Watchdog: end the server when the shell that sourced this script ends.
  (while kill -0 $$ 2>/dev/null; do sleep 2; done; kill "$server" 2>/dev/null) >/dev/null 2>&1 &
  local i
  for i in $(seq 1 60); do
    if curl -sk -o /dev/null "https://127.0.0.1:$port/"; then
      export EDTECH_COSMOS_ENDPOINT="https://127.0.0.1:$port/"
      echo "Cosmos DB stand-in (@vercel/cosmosdb-server $version) at $EDTECH_COSMOS_ENDPOINT"
      return 0
    fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  echo "The Cosmos DB stand-in did not start; see $out/cosmos.log" >&2
  cat "$out/cosmos.log" >&2
  return 1
}
cosmos_start
