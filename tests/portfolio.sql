-- Per project and payer: actual and alternative costs over the latest wave of each case,
-- from `tafel export --all --format csv` (the nominal cost_cents; use indexed_cost_cents of
-- an export made with --price-year YEAR for that price level). The same figures as
-- `tafel portfolio --price-year nominal` (README "Portfolio").
WITH latest AS (
    SELECT series_id, max(wave) AS wave FROM sessions GROUP BY series_id
)
SELECT s.project,
       coalesce(c.payer_id, '') AS payer_id,
       sum(CASE WHEN c.scenario = 'intervention' THEN c.cost_cents ELSE 0 END) AS intervention_cents,
       sum(CASE WHEN c.scenario = 'alternative' THEN c.cost_cents ELSE 0 END) AS alternative_cents
FROM cost_lines c
JOIN sessions s USING (session_id)
JOIN latest l ON l.series_id = s.series_id AND l.wave = s.wave
WHERE c.cost_cents IS NOT NULL
GROUP BY s.project, coalesce(c.payer_id, '')
ORDER BY s.project, payer_id
