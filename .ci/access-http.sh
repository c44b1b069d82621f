#!/usr/bin/env bash
# Who may do what (issue 14), over real HTTP against a running stack (./polyshop up, or
# compose), with tokens of the stack's own issuer obtained by its real flows
# (./polyshop token). Every endpoint of every service is called by every kind of caller:
# nobody, the customers alice and bob, staff (ops), session-service's client, an
# unsigned token (alg: none) and alice's real token with its claims rewritten to staff's.
# Each answer must have the status the rules give, and every refusal is problem details.
# Usage: .ci/access-http.sh [catalog-url] [sessions-url] [orders-url]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
C="${1:-http://localhost:8081}" S="${2:-http://localhost:8082}" O="${3:-http://localhost:8083}"
failures=0 cases=0
callers=(anonymous alice bob ops session-service unsigned tampered)

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
declare -A token
token[alice]="$(./polyshop token --user alice)"
token[bob]="$(./polyshop token --user bob)"
token[ops]="$(./polyshop token --user ops)"
token[session-service]="$(./polyshop token --client session-service)"
now="$(date +%s)"
staff_claims="{\"iss\":\"http://localhost:9000\",\"sub\":\"ops\",\"aud\":\"storefront\",\"exp\":$((now + 600)),\"iat\":$now,\"scope\":[\"catalog:write\",\"orders:fulfil\",\"insights:read\",\"orders:place\"]}"
token[unsigned]="$(printf '{"alg":"none"}' | b64url).$(printf '%s' "$staff_claims" | b64url)."
IFS=. read -r header _ signature <<<"${token[alice]}"
token[tampered]="$header.$(printf '%s' "$staff_claims" | b64url).$signature"

# call CALLER METHOD URL [BODY]: prints the status; the body is in /tmp/access-body
call() {
  local caller="$1" method="$2" url="$3" body="${4:-}" args=()
  [[ "$caller" != anonymous ]] && args+=(-H "Authorization: Bearer ${token[$caller]}")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  curl -sS -o /tmp/access-body -w '%{http_code} %{content_type}' --max-time 10 -X "$method" \
    -H "Idempotency-Key: access-$RANDOM$RANDOM$RANDOM" "${args[@]}" "$url"
}
field() { python3 -c "import json,sys; print(json.load(open('/tmp/access-body'))['$1'])"; }

# Fresh state per row, so that one caller's success does not change the next one's answer.
guest_session() {
  local id
  call anonymous POST "$S/sessions" >/dev/null
  id="$(field id)"
  call anonymous PUT "$S/sessions/$id/cart/KTCH-00001" '{"quantity": 1}' >/dev/null
  echo "$id"
}
alices_session() {
  local id; id="$(guest_session)"
  call alice PUT "$S/sessions/$id/customer" '{"customerId": "alice"}' >/dev/null
  echo "$id"
}
alices_order() { # PENDING, or PAID with "paid"
  local id; id="$(alices_session)"
  call alice POST "$S/sessions/$id/checkout" >/dev/null
  local order; order="$(field orderId)"
  [[ "${1:-}" == paid ]] && call alice POST "$O/orders/$order/pay" >/dev/null
  echo "$order"
}

# row "ROW" "EXPECTED per caller, in the order of callers" SETUP METHOD URL-TEMPLATE [BODY]
# {x} in the URL is replaced by SETUP's output for each caller; {me} in the body by the caller.
row() {
  local name="$1" expected=($2) setup="$3" method="$4" template="$5" body="${6:-}"
  local i out status type line="" ok=1
  for i in "${!callers[@]}"; do
    local caller="${callers[$i]}" x="" url
    [[ "$setup" != - ]] && x="$($setup)"
    url="${template//\{x\}/$x}"
    out="$(call "$caller" "$method" "$url" "${body//\{me\}/$caller}" || echo "000 none")"
    status="${out%% *}" type="${out#* }"
    cases=$((cases + 1))
    if [[ "$status" != "${expected[$i]}" ]] || { (( status >= 400 )) && [[ "$type" != application/problem+json* ]]; }; then
      ok=0; failures=$((failures + 1))
      line+=" ${caller}:${status}≠${expected[$i]}"
    fi
  done
  if (( ok )); then printf '  ok   %-58s %s\n' "$name" "${expected[*]}"; else printf '  FAIL %-58s%s\n' "$name" "$line"; fi
}

printf '%-63s %s\n' "" "${callers[*]}"
echo "catalog-service ($C)"
product='{"name": "Access lamp", "category": "access", "price": {"amount": "30.00", "currency": "USD"}}'
call ops PUT "$C/products/ACCESS-1" "$product" >/dev/null
row "GET /products/{sku}"                "200 200 200 200 200 401 401" - GET "$C/products/ACCESS-1"
row "GET /products"                      "200 200 200 200 200 401 401" - GET "$C/products?limit=1"
row "GET /ping"                          "200 200 200 200 200 401 401" - GET "$C/ping"
row "POST /products/batch-get"           "200 200 200 200 200 401 401" - POST "$C/products/batch-get" '{"skus": ["ACCESS-1"]}'
row "PUT /products/{sku}"                "401 403 403 200 403 401 401" - PUT "$C/products/ACCESS-1" "$product"
row "PUT /products/{sku}/price"          "401 403 403 200 403 401 401" - PUT "$C/products/ACCESS-1/price" '{"amount": "31.00", "currency": "USD"}'
row "POST /products/{sku}/deactivate"    "401 403 403 200 403 401 401" - POST "$C/products/ACCESS-1/deactivate"
row "POST /products/{sku}/activate"      "401 403 403 200 403 401 401" - POST "$C/products/ACCESS-1/activate"

echo "session-service ($S)"
row "POST /sessions"                                "201 201 201 201 201 401 401" - POST "$S/sessions" '{"currency": "USD"}'
row "GET /sessions/{id}"                            "200 200 200 200 200 401 401" guest_session GET "$S/sessions/{x}"
row "PUT /sessions/{id}/cart/{sku}"                 "200 200 200 200 200 401 401" guest_session PUT "$S/sessions/{x}/cart/KTCH-00002" '{"quantity": 2}'
row "DELETE /sessions/{id}/cart/{sku}"              "200 200 200 200 200 401 401" guest_session DELETE "$S/sessions/{x}/cart/KTCH-00001"
row "PUT /sessions/{id}/customer oneself"           "401 200 200 200 200 401 401" guest_session PUT "$S/sessions/{x}/customer" '{"customerId": "{me}"}'
row "PUT /sessions/{id}/customer alice"             "401 200 403 403 403 401 401" guest_session PUT "$S/sessions/{x}/customer" '{"customerId": "alice"}'
row "PUT /sessions/{id}/customer of alice's"        "401 200 403 403 403 401 401" alices_session PUT "$S/sessions/{x}/customer" '{"customerId": "{me}"}'
row "POST /sessions/{id}/checkout of alice's"       "401 201 403 403 403 401 401" alices_session POST "$S/sessions/{x}/checkout"
row "GET /customers/alice/sessions"                 "401 200 403 200 403 401 401" - GET "$S/customers/alice/sessions"
row "GET /insights/trending"                        "401 403 403 200 403 401 401" - GET "$S/insights/trending"
row "GET /insights/products/{sku}"                  "401 403 403 200 403 401 401" - GET "$S/insights/products/KTCH-00001"
row "GET /insights/abandoned-carts"                 "401 403 403 200 403 401 401" - GET "$S/insights/abandoned-carts"

echo "orders-service ($O)"
order='{"customerId": "alice", "currency": "USD", "lines": [{"sku": "KTCH-00001", "quantity": 1}]}'
row "POST /orders"                        "401 403 403 403 201 401 401" - POST "$O/orders" "$order"
row "GET /orders/{id} of alice's"         "401 200 404 200 404 401 401" alices_order GET "$O/orders/{x}"
row "GET /orders/{id}/history of alice's" "401 200 404 200 404 401 401" alices_order GET "$O/orders/{x}/history"
row "GET /orders"                         "401 200 200 200 200 401 401" - GET "$O/orders?limit=5"
row "POST /orders/{id}/pay of alice's"    "401 200 404 404 404 401 401" alices_order POST "$O/orders/{x}/pay"
row "POST /orders/{id}/ship of a paid"    "401 403 403 200 403 401 401" "alices_order paid" POST "$O/orders/{x}/ship"
row "POST /orders/{id}/cancel"            "401 403 403 200 403 401 401" alices_order POST "$O/orders/{x}/cancel"
call bob GET "$O/orders?customerId=alice&limit=100" >/dev/null
[[ "$(python3 -c "import json; print(len(json.load(open('/tmp/access-body'))['items']))")" == 0 ]] \
  || { failures=$((failures + 1)); echo "  FAIL bob listed alice's orders"; }
cases=$((cases + 1))

echo "every service"
for base in "$C" "$S" "$O"; do
  row "GET $base/readyz"             "200 200 200 200 200 401 401" - GET "$base/readyz"
  row "GET $base/actuator/prometheus" "401 403 403 403 403 401 401" - GET "$base/actuator/prometheus"
done

printf '\n%d calls, %d failures\n' "$cases" "$failures"
(( failures == 0 ))
