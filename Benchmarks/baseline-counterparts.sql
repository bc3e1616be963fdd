/* The floor of `comity report counterparts`: the same figures as one sqlite3 run can give them
   (all but the response clocks, which need the calendars), both ways. Per counterpart, channel,
   year and direction (incoming: a request the counterpart sent us, whose replies are ours),
   each request's days to acknowledgement (first reply or move to acknowledged) and to the first
   substantive reply, for the percentiles, and the days open of those still open on :today (for
   the ages, and the open counts); the replies by kind; the follow-ups sent to the counterpart.
   The counterpart is the authority a request went to, or for one that came to the desk's state
   (the setting our-state), the one it came from. :today is the report's day. */
WITH firsts AS MATERIALIZED (
  SELECT a.party, r.channel, substr(r.sent_date, 1, 4) AS year, a.id <> r.to_authority AS incoming, julianday(r.sent_date) AS sent,
    r.state NOT IN ('executed','refused','withdrawn','lapsed','returned') AS open,
    (SELECT min(p.date) FROM reply p WHERE p.request_ref = r.reference) AS first_reply,
    (SELECT min(p.date) FROM reply p WHERE p.request_ref = r.reference
       AND p.kind NOT IN ('acknowledgement','non-committal','premise-rejected')) AS first_substantive,
    (SELECT min(e.date) FROM event e INDEXED BY event_request_moves WHERE e.subject_id = r.reference
       AND e.subject_type = 'request' AND e.action = 'moved' AND e.to_state = 'acknowledged') AS acknowledged
  FROM request r JOIN authority a ON a.id = CASE
    WHEN r.to_authority IN (SELECT id FROM authority WHERE party = (SELECT value FROM setting WHERE channel = '*' AND key = 'our-state'))
    THEN r.from_authority ELSE r.to_authority END
  WHERE r.sent_date IS NOT NULL
)
SELECT party, channel, year, incoming, count(*),
  group_concat(julianday(min(coalesce(first_reply, acknowledged), coalesce(acknowledged, first_reply))) - sent),
  group_concat(julianday(first_substantive) - sent),
  group_concat(CASE WHEN open THEN julianday(:today) - sent END)
FROM firsts GROUP BY party, channel, year, incoming;

SELECT a.party, r.channel, substr(r.sent_date, 1, 4), a.id <> r.to_authority, p.kind, count(*)
FROM reply p JOIN request r ON r.reference = p.request_ref JOIN authority a ON a.id = CASE
  WHEN r.to_authority IN (SELECT id FROM authority WHERE party = (SELECT value FROM setting WHERE channel = '*' AND key = 'our-state'))
  THEN r.from_authority ELSE r.to_authority END
GROUP BY 1, 2, 3, 4, 5;

SELECT a.party, r.channel, substr(r.sent_date, 1, 4), count(*)
FROM follow_up f JOIN request r ON r.reference = f.request_ref JOIN authority a ON a.id = r.to_authority
WHERE f.kind <> 'talking-points'
GROUP BY 1, 2, 3;
