#!/usr/bin/env bash
# Post-deploy smoke check: a shopper's journey through the load balancer.
#   ./infra/smoke.sh http://<alb-dns-name>
# Browse, cart, checkout, read the order back, then the insights. Exits non-zero on the
# first step that does not answer as expected.
set -euo pipefail
BASE="${1:?usage: CUSTOMER_TOKEN=... STAFF_TOKEN=... smoke.sh http://<load balancer DNS name>}"
# Access tokens of the user pool: a customer's, and a member of the staff group's.
customer=(-H "Authorization: Bearer ${CUSTOMER_TOKEN:?a customer's access token from the user pool}")
staff=(-H "Authorization: Bearer ${STAFF_TOKEN:?a staff member's access token from the user pool}")
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
step() { printf '%-40s' "$1"; }

step "catalog: first page of products";   SKU=$(curl -fsS "$BASE/products?limit=2" | json '["items"][0]["sku"]'); echo "ok ($SKU)"
step "catalog: the product (cache miss)";  curl -fsS "$BASE/products/$SKU" >/dev/null; echo ok
step "catalog: the product again (hit)";   curl -fsS "$BASE/products/$SKU" >/dev/null; echo ok
step "sessions: start a session";         SESSION=$(curl -fsS -X POST "$BASE/sessions" | json '["id"]'); echo ok
step "sessions: add to cart";             curl -fsS -X PUT "$BASE/sessions/$SESSION/cart/$SKU" \
                                            -H 'Content-Type: application/json' -d '{"quantity": 2}' >/dev/null; echo ok
step "sessions: check out";               ORDER=$(curl -fsS -X POST "${customer[@]}" "$BASE/sessions/$SESSION/checkout" | json '["orderId"]'); echo "ok ($ORDER)"
step "sessions: check out again (same)";  AGAIN=$(curl -fsS -X POST "${customer[@]}" "$BASE/sessions/$SESSION/checkout" | json '["orderId"]')
[[ "$AGAIN" == "$ORDER" ]] && echo ok || { echo "FAILED: $AGAIN != $ORDER"; exit 1; }
step "orders: the order";                 STATUS=$(curl -fsS "${customer[@]}" "$BASE/orders/$ORDER" | json '["status"]'); echo "ok ($STATUS)"
step "orders: its history";               curl -fsS "${customer[@]}" "$BASE/orders/$ORDER/history" >/dev/null; echo ok
step "insights: trending";                curl -fsS "${staff[@]}" "$BASE/insights/trending" >/dev/null; echo ok
echo "Smoke check passed."
