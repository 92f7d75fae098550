-- Per project and payer: actual and alternative costs at the listed (nominal) prices over
-- the latest wave with consent for reporting of each case, read straight from the session
-- files (DIR is their folder). The researcher's alternative to `tafel portfolio
-- --price-year nominal --format json`, and its cross-check: scripts/bench.sh times both and
-- compares them, and tests/portfolio.rs runs it on a library whose answer is known.
-- Informal care is valued apart from the payers, as tafel does.
WITH f AS (
    SELECT * FROM read_json('DIR/*.json', union_by_name = true, maximum_object_size = 33554432)
),
s AS (
    SELECT id, series_id, preparation.project AS project, preparation.wave AS wave,
           updated_at, costs, looking_back.activities AS actual, alternative.activities AS alt
    FROM f
    WHERE preparation.consent.given -- optional keys through JSON: a library where nobody withdrew has no such column
      AND to_json(preparation.consent)->>'withdrawn_on' IS NULL
      AND preparation.consent.scope = 'anonymised_reporting'
),
latest AS (
    SELECT DISTINCT ON (series_id) * FROM s ORDER BY series_id, wave DESC, updated_at DESC
),
acts AS (
    SELECT project, 'intervention' AS scenario, unnest(actual) AS a, costs FROM latest
    UNION ALL
    SELECT project, 'alternative', unnest(alt), costs FROM latest
),
priced AS (
    SELECT project, scenario, a,
           list_filter(costs.price_list.items, lambda i: i.id = a.price_id)[1] AS item
    FROM acts
    WHERE NOT coalesce(CAST(to_json(a)->>'informal' AS BOOLEAN), false)
),
lines AS (
    SELECT project, scenario,
           coalesce(to_json(a)->>'payer_id', to_json(item)->>'default_payer', '') AS payer_id,
           round(CAST(a.quantity AS DECIMAL(18, 4)) *
                 CASE WHEN trim(coalesce(to_json(a)->'price_override'->>'reason', '')) <> ''
                           AND to_json(a)->'price_override'->>'unit_price_cents' IS NOT NULL
                      THEN CAST(to_json(a)->'price_override'->>'unit_price_cents' AS BIGINT)
                      ELSE item.amount_cents END) AS cents
    FROM priced
)
SELECT project, payer_id,
       sum(CASE WHEN scenario = 'intervention' THEN cents ELSE 0 END)::BIGINT AS intervention_cents,
       sum(CASE WHEN scenario = 'alternative' THEN cents ELSE 0 END)::BIGINT AS alternative_cents
FROM lines
WHERE cents IS NOT NULL
GROUP BY project, payer_id
ORDER BY project, payer_id
