#!/usr/bin/env bash
# Every class of hostile input issue 13 listed, over real HTTP against a running stack
# (./polyshop up, or compose): each answer must be a 4xx with application/problem+json.
# Usage: .ci/hostile-http.sh [catalog-url] [sessions-url] [orders-url]
set -euo pipefail
C="${1:-http://localhost:8081}" S="${2:-http://localhost:8082}" O="${3:-http://localhost:8083}"
failures=0 cases=0

# expect STATUSES NAME CURL-ARGS...: the answer's status is one of STATUSES (a|b) and is problem details
expect() {
  local statuses="$1" name="$2"; shift 2
  local out status type
  out="$(curl -sS -o /tmp/hostile-body -w '%{http_code} %{content_type}' --max-time 10 "$@" || echo "000 none")"
  status="${out%% *}" type="${out#* }"
  cases=$((cases + 1))
  if [[ "|$statuses|" == *"|$status|"* && "$type" == application/problem+json* ]]; then
    printf '  ok   %-3s %-62s\n' "$status" "$name"
  else
    failures=$((failures + 1))
    printf '  FAIL %-3s %-62s (%s; expected %s problem+json) %s\n' "$status" "$name" "$type" "$statuses" \
      "$(head -c 200 /tmp/hostile-body)"
  fi
}
json=(-H 'Content-Type: application/json')
# Requests carry the token their endpoint needs (./polyshop token reads the running stack's
# credentials): the hostile part of each request, not a missing token, must be what fails.
staff=(-H "Authorization: Bearer $(./polyshop token --user ops)")
customer=(-H "Authorization: Bearer $(./polyshop token --user alice)")
service=(-H "Authorization: Bearer $(./polyshop token --client session-service)")
big="$(mktemp)"; trap 'rm -f "$big"' EXIT
head -c 20000000 /dev/zero | tr '\0' 'a' > "$big"

echo "catalog-service ($C)"
expect 400 "NUL in a path segment" "$C/products/AB%00C"
expect 400 "over-long SKU (5,000 characters)" "$C/products/$(printf 'A%.0s' {1..5000})"
expect 400 "malformed percent-encoding in the query" "$C/products?cursor=%%%garbage"
expect 400 "control character in a query parameter" "$C/products?category=a%07b"
expect 400 "a page size out of bounds" "$C/products?limit=100000"
expect 400 "control character in a product name" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1" \
  -d '{"name": "Ket\u0000tle", "category": "kitchen", "price": {"amount": "1.00", "currency": "USD"}}'
expect 400 "NUL in an attribute (jsonb refuses it)" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1" \
  -d '{"name": "Kettle", "category": "kitchen", "price": {"amount": "1.00", "currency": "USD"}, "attributes": {"a": "\u0000"}}'
expect 400 "money as a JSON number" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" -d '{"amount": 1.5, "currency": "USD"}'
expect 400 "1.001 USD (more decimals than the currency has)" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" \
  -d '{"amount": "1.001", "currency": "USD"}'
expect 400 "1.5 JPY" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" -d '{"amount": "1.5", "currency": "JPY"}'
for code in XXX XTS XAU DEM; do
  expect 400 "a price in $code" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" -d "{\"amount\": \"1.00\", \"currency\": \"$code\"}"
done
expect 400 "unknown property" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" -d '{"amount": "1.00", "currency": "USD", "x": 1}'
expect 400 "duplicate key" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" -d '{"amount": "1.00", "amount": "2.00", "currency": "USD"}'
expect 400 "trailing tokens" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" -d '{"amount": "1.00", "currency": "USD"} {}'
expect 400 "null for a required field" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1/price" -d '{"amount": null, "currency": "USD"}'
expect 413 "a 20 MB body" -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-1" --data-binary "@$big"
expect 415 "a body that is not JSON" -X PUT "${staff[@]}" -H 'Content-Type: text/plain' "$C/products/HOSTILE-1/price" -d 'amount=1'
expect 406 "Accept: application/xml" -H 'Accept: application/xml' "$C/products/KTCH-00001"
expect "401|405" "wrong method (401 without a token)" -X DELETE "$C/products"
expect "401|404" "unknown path (401 without a token: nothing is said about what exists)" "$C/no/such/path"
expect 414 "a 9 KB query" "$C/products?q=$(printf 'q%.0s' {1..9000})"
expect 431 "a 9 KB header" -H "X-Big: $(printf 'y%.0s' {1..9000})" "$C/products"
expect 400 "a 60 KB header (Tomcat's own limit)" -H "X-Big: $(printf 'y%.0s' {1..60000})" "$C/products"
expect 401 "a write without a token" -X PUT "${json[@]}" "$C/products/KTCH-00001/price" -d '{"amount": "1.00", "currency": "USD"}'
expect 401 "a write with a forged token" -X PUT "${json[@]}" -H 'Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcHMifQ.' \
  "$C/products/KTCH-00001/price" -d '{"amount": "1.00", "currency": "USD"}'
expect 403 "a write with a customer's token" -X PUT "${json[@]}" "${customer[@]}" "$C/products/KTCH-00001/price" \
  -d '{"amount": "1.00", "currency": "USD"}'
expect 412 "a weak ETag in If-Match" -X PUT "${json[@]}" "${staff[@]}" -H 'If-Match: W/"0"' "$C/products/KTCH-00001/price" \
  -d '{"amount": "1.00", "currency": "USD"}'
expect 400 "a malformed If-Match" -X PUT "${json[@]}" "${staff[@]}" -H 'If-Match: 0' "$C/products/KTCH-00001/price" \
  -d '{"amount": "1.00", "currency": "USD"}'

echo "session-service ($S)"
session="$(curl -fsS -X POST "$S/sessions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
expect 400 "quantity 2.5" -X PUT "${json[@]}" "$S/sessions/$session/cart/KTCH-00001" -d '{"quantity": 2.5}'
expect 400 "quantity \"2\"" -X PUT "${json[@]}" "$S/sessions/$session/cart/KTCH-00001" -d '{"quantity": "2"}'
expect 400 "over-long SKU in a cart path" -X PUT "${json[@]}" "$S/sessions/$session/cart/$(printf 'A%.0s' {1..5000})" -d '{"quantity": 1}'
expect 400 "over-long SKU in insights" "${staff[@]}" "$S/insights/products/$(printf 'A%.0s' {1..5000})"
expect 400 "over-long customer id (a DynamoDB key)" "${customer[@]}" "$S/customers/$(printf 'c%.0s' {1..5000})/sessions"
expect 400 "control character in a customer id" -X PUT "${json[@]}" "${customer[@]}" "$S/sessions/$session/customer" -d '{"customerId": "a\u0001b"}'
expect 400 "an out-of-range date" "${staff[@]}" "$S/insights/abandoned-carts?date=99999-01-01"
expect 400 "malformed percent-encoding in the query" "${staff[@]}" "$S/insights/trending?limit=%%%garbage"
expect 422 "a session in XXX" -X POST "${json[@]}" "$S/sessions" -d '{"currency": "XXX"}'
expect "400|404" "NUL in a session id" "$S/sessions/abc%00def"

echo "orders-service ($O)"
key() { python3 -c 'import uuid; print(uuid.uuid4())'; }
expect 400 "an out-of-range instant" "${customer[@]}" "$O/orders?from=%2B1000000000-01-01T00:00:00Z"
expect 400 "an instant beyond the year 9999" "${customer[@]}" "$O/orders?to=%2B10000-01-01T00:00:00Z"
expect 400 "malformed percent-encoding in the query" "${customer[@]}" "$O/orders?cursor=%%%garbage"
expect 400 "a control character in a customer id" "${customer[@]}" "$O/orders?customerId=a%01b"
expect 400 "a client-supplied unit price" -X POST "${json[@]}" "${service[@]}" -H "Idempotency-Key: $(key)" "$O/orders" \
  -d '{"customerId": "alice", "currency": "USD", "lines": [{"sku": "KTCH-00001", "quantity": 1, "unitPrice": "0.01"}]}'
expect 400 "a malformed Idempotency-Key" -X POST "${json[@]}" "${service[@]}" -H 'Idempotency-Key: a b' "$O/orders" \
  -d '{"customerId": "alice", "currency": "USD", "lines": [{"sku": "KTCH-00001", "quantity": 1}]}'
expect 400 "quantity as a fraction" -X POST "${json[@]}" "${service[@]}" -H "Idempotency-Key: $(key)" "$O/orders" \
  -d '{"customerId": "alice", "currency": "USD", "lines": [{"sku": "KTCH-00001", "quantity": 1.5}]}'
expect 422 "an order in XTS" -X POST "${json[@]}" "${service[@]}" -H "Idempotency-Key: $(key)" "$O/orders" \
  -d '{"customerId": "alice", "currency": "XTS", "lines": [{"sku": "KTCH-00001", "quantity": 1}]}'
curl -fsS -o /dev/null -X PUT "${json[@]}" "${staff[@]}" "$C/products/HOSTILE-MAX" \
  -d '{"name": "Priceless", "category": "hostile", "price": {"amount": "9999999999.99", "currency": "USD"}}'
expect 422 "a total that overflows the money column" -X POST "${json[@]}" "${service[@]}" -H "Idempotency-Key: $(key)" "$O/orders" \
  -d '{"customerId": "alice", "currency": "USD", "lines": [{"sku": "HOSTILE-MAX", "quantity": 999}]}'
expect 404 "an id that is not a UUID" "${customer[@]}" "$O/orders/not-a-uuid"

printf '\n%d cases, %d failures\n' "$cases" "$failures"
(( failures == 0 ))
