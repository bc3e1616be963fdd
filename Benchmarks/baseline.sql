SELECT r.reference, max(p.date), max(CASE WHEN p.kind NOT IN ('acknowledgement','non-committal','premise-rejected') THEN p.date END)
FROM request r LEFT JOIN reply p ON p.request_ref = r.reference
WHERE r.state NOT IN ('executed','refused','withdrawn','lapsed','returned') AND r.sent_date IS NOT NULL
GROUP BY r.reference;
