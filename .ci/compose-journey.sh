#!/usr/bin/env bash
# The compose journey: the stack comes up with the README's command, then a shopper's
# journey runs over HTTP only, with the local issuer's tokens (browse, cart, checkout,
# pay, ship; the order in orders-service, the product trending, an abandoned cart after
# a 5 s idle timeout), the warehouse load runs with the README's one command, every class of hostile input gets a
# 4xx problem (.ci/hostile-http.sh), every caller gets what its token allows
# (.ci/access-http.sh), and `down -v` leaves nothing behind.
# Needs a Docker engine and the images (real, or ../shared/offline-images stand-ins).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
project="$(basename "$PWD" | tr -cd 'a-z0-9_-')"
export POLYSHOP_SESSIONS_IDLETIMEOUT=5s

step() { printf '\n== %s (%ds)\n' "$*" "$SECONDS"; }
fail() { echo "compose journey FAILED: $*" >&2; "${compose[@]}" ps >&2 || true; "${compose[@]}" logs --tail=40 >&2 || true; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# until SECONDS COMMAND...: retries every second until the command succeeds.
until_ok() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do (( SECONDS < deadline )) || return 1; sleep 1; done
}
cleanup() { "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true; }
trap cleanup EXIT

step "credentials for the local issuer (./polyshop credentials)"
./polyshop credentials

step "up --build (${compose[*]})"
start=$SECONDS
"${compose[@]}" up --build -d
healthy() {
  local id
  for service in postgres redis dynamodb auth-server catalog-service orders-service session-service; do
    id="$("${compose[@]}" ps -q "$service")"
    [[ -n "$id" && "$(docker inspect -f '{{.State.Health.Status}}' "$id")" == healthy ]] || return 1
  done
}
until_ok 300 healthy || fail "the stack was not healthy within 300 s"
echo "every service healthy $((SECONDS - start)) s after up"
"${compose[@]}" ps

C=http://localhost:8081 S=http://localhost:8082 O=http://localhost:8083
step "tokens from the local issuer (./polyshop token)"
alice=(-H "Authorization: Bearer $(./polyshop token --user alice)")
bob=(-H "Authorization: Bearer $(./polyshop token --user bob)")
ops=(-H "Authorization: Bearer $(./polyshop token --user ops)")
step "browse"
curl -fsS "$C/products?category=kitchen&limit=2" | json 'len(d["items"])' | grep -qx 2 || fail "listing"
curl -fsS "$C/products/KTCH-00042" | json 'd["sku"]' | grep -qx KTCH-00042 || fail "product"

step "cart and checkout"
session="$(curl -fsS -X POST "$S/sessions" | json 'd["id"]')"
curl -fsS -X PUT "$S/sessions/$session/customer" "${alice[@]}" -H 'Content-Type: application/json' -d '{"customerId": "alice"}' >/dev/null
curl -fsS -X PUT "$S/sessions/$session/cart/KTCH-00042" -H 'Content-Type: application/json' -d '{"quantity": 2}' >/dev/null
curl -fsS -X PUT "$S/sessions/$session/cart/BOOK-00007" -H 'Content-Type: application/json' -d '{"quantity": 1}' >/dev/null
order="$(curl -fsS -X POST "${alice[@]}" "$S/sessions/$session/checkout" | json 'd["orderId"]')"
echo "order $order"

step "alice pays, staff ship"
curl -fsS "${alice[@]}" "$O/orders/$order" | json 'd["status"]' | grep -qx PENDING || fail "order not PENDING"
curl -fsS -X POST "${alice[@]}" "$O/orders/$order/pay" >/dev/null
curl -fsS -X POST "${ops[@]}" "$O/orders/$order/ship" >/dev/null
curl -fsS "${alice[@]}" "$O/orders/$order" | json 'd["status"]' | grep -qx SHIPPED || fail "order not SHIPPED"
curl -fsS "${alice[@]}" "$O/orders/$order/history" | json 'len(d["events"]) if isinstance(d, dict) else len(d)' | grep -qx 3 \
  || fail "history"

step "trending"
trending() { curl -fsS "${ops[@]}" "$S/insights/trending" | grep -q KTCH-00042; }
until_ok 60 trending || fail "KTCH-00042 not trending"

step "abandoned cart (idle timeout 5 s)"
idle="$(curl -fsS -X POST "$S/sessions" | json 'd["id"]')"
curl -fsS -X PUT "$S/sessions/$idle/customer" "${bob[@]}" -H 'Content-Type: application/json' -d '{"customerId": "bob"}' >/dev/null
curl -fsS -X PUT "$S/sessions/$idle/cart/ELEC-00001" -H 'Content-Type: application/json' -d '{"quantity": 1}' >/dev/null
abandoned_at=$SECONDS
abandoned() { curl -fsS "${ops[@]}" "$S/insights/abandoned-carts" | grep -q '"bob"'; }
until_ok 120 abandoned || fail "bob's cart not listed as abandoned within 120 s"
echo "abandoned cart listed $((SECONDS - abandoned_at)) s after its last change"
curl -fsS "${ops[@]}" "$S/insights/abandoned-carts" | grep -q '"alice"' && fail "a checked-out cart was listed as abandoned"

step "warehouse load (${compose[*]} --profile jobs run --rm analytics-job load-sales)"
load="$("${compose[@]}" --profile jobs run --rm analytics-job load-sales 2>&1)" || { echo "$load"; fail "load-sales"; }
echo "$load" | tail -3
merged="$(echo "$load" | grep -oE '[0-9]+ merged' | tail -1 | tr -dc '0-9')"
[[ -n "$merged" && "$merged" -gt 0 ]] || fail "the load merged no rows"
"${compose[@]}" --profile jobs run --rm analytics-job report 2>&1 | tail -8

step "hostile input over HTTP (.ci/hostile-http.sh)"
.ci/hostile-http.sh "$C" "$S" "$O" || fail "a hostile request got a 5xx or an answer that is not problem details"

step "who may do what, over HTTP with the issuer's tokens (.ci/access-http.sh)"
.ci/access-http.sh "$C" "$S" "$O" || fail "a caller got what its token does not allow, or was refused what it does"

step "down -v"
"${compose[@]}" --profile jobs --profile localstack down -v --remove-orphans
trap - EXIT
left="$(docker ps -aq --filter "label=com.docker.compose.project=$project")$(docker volume ls -q --filter "label=com.docker.compose.project=$project")$(docker network ls -q --filter "label=com.docker.compose.project=$project")"
[[ -z "$left" ]] || fail "down -v left containers, volumes or networks behind: $left"
printf '\ncompose journey passed in %d s\n' "$SECONDS"
