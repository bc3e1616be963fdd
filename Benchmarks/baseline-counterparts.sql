/* The floor of `comity report counterparts`: the same figures as one sqlite3 run can give them
   (all but the response clocks, which need the calendars): per counterpart, channel and year of
   sending, the requests sent with each one's days to acknowledgement (first reply or move to
   acknowledged) and to the first substantive reply, for the percentiles; the replies by kind;
   the follow-ups sent to the counterpart. */
WITH firsts AS MATERIALIZED (
  SELECT a.party, r.channel, substr(r.sent_date, 1, 4) AS year, julianday(r.sent_date) AS sent,
    (SELECT min(p.date) FROM reply p WHERE p.request_ref = r.reference) AS first_reply,
    (SELECT min(p.date) FROM reply p WHERE p.request_ref = r.reference
       AND p.kind NOT IN ('acknowledgement','non-committal','premise-rejected')) AS first_substantive,
    (SELECT min(e.date) FROM event e INDEXED BY event_request_moves WHERE e.subject_id = r.reference
       AND e.subject_type = 'request' AND e.action = 'moved' AND e.to_state = 'acknowledged') AS acknowledged
  FROM request r JOIN authority a ON a.id = r.to_authority
  WHERE r.sent_date IS NOT NULL
)
SELECT party, channel, year, count(*),
  group_concat(julianday(min(coalesce(first_reply, acknowledged), coalesce(acknowledged, first_reply))) - sent),
  group_concat(julianday(first_substantive) - sent)
FROM firsts GROUP BY party, channel, year;

SELECT a.party, r.channel, substr(r.sent_date, 1, 4), p.kind, count(*)
FROM reply p JOIN request r ON r.reference = p.request_ref JOIN authority a ON a.id = r.to_authority
GROUP BY 1, 2, 3, 4;

SELECT a.party, r.channel, substr(r.sent_date, 1, 4), count(*)
FROM follow_up f JOIN request r ON r.reference = f.request_ref JOIN authority a ON a.id = r.to_authority
WHERE f.kind <> 'talking-points'
GROUP BY 1, 2, 3;
