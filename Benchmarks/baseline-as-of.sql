SELECT r.reference, max(p.date), max(CASE WHEN p.kind NOT IN ('acknowledgement','non-committal','premise-rejected') THEN p.date END)
FROM request r LEFT JOIN reply p ON p.request_ref = r.reference AND p.date <= :d
WHERE r.sent_date <= :d
  AND (r.state NOT IN ('executed','refused','withdrawn','lapsed','returned')
       OR r.reference IN (SELECT subject_id FROM event WHERE subject_type = 'request' AND action = 'moved' AND date > :d))
GROUP BY r.reference;
