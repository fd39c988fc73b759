-- The hand-written SQL baseline for `cartero select`: computes every
-- exclusion reason per account as DESIGN "Selection rules" says (no cap),
-- and writes the ordered selection and the excluded accounts with their
-- joined reasons as tables. :pay_from and :letter_from are replaced by
-- bench/run with cutoff - 30 and cutoff - 60 days.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -65536;
PRAGMA temp_store = MEMORY;
DROP TABLE IF EXISTS sql_reasons;
DROP TABLE IF EXISTS sql_selected;
DROP TABLE IF EXISTS sql_excluded;
BEGIN;
CREATE TEMP TABLE recent_pay AS
  SELECT DISTINCT account_id FROM payments WHERE amount > 0 AND paid_on >= ':pay_from';
CREATE TEMP TABLE recent_let AS
  SELECT DISTINCT account_id FROM prior_letters WHERE sent_on >= ':letter_from';
CREATE UNIQUE INDEX temp.recent_pay_id ON recent_pay (account_id);
CREATE UNIQUE INDEX temp.recent_let_id ON recent_let (account_id);
CREATE TABLE sql_reasons AS
SELECT a.account_id, a.billing_type, a.balance, a.days_past_due,
  rtrim(
    CASE WHEN a.address = '' THEN 'missing_address;' ELSE '' END ||
    CASE WHEN a.use_type NOT IN ('residential', 'commercial') THEN 'no_threshold;' ELSE '' END ||
    CASE WHEN (a.use_type = 'residential' AND a.balance <= 100000)
           OR (a.use_type = 'commercial' AND a.balance <= 300000) THEN 'below_threshold;' ELSE '' END ||
    CASE WHEN a.days_past_due <= 60 THEN 'not_delinquent;' ELSE '' END ||
    CASE WHEN a.legal_collection = 1 THEN 'legal_collection;' ELSE '' END ||
    CASE WHEN a.sanitation <> '' THEN 'sanitation;' ELSE '' END ||
    CASE WHEN p.account_id IS NOT NULL THEN 'recent_payment;' ELSE '' END ||
    CASE WHEN l.account_id IS NOT NULL THEN 'recent_letter;' ELSE '' END, ';') AS reasons
FROM accounts a
LEFT JOIN recent_pay p ON p.account_id = a.account_id
LEFT JOIN recent_let l ON l.account_id = a.account_id;
CREATE TABLE sql_selected AS
  SELECT row_number() OVER (ORDER BY billing_type = 'joint', balance DESC, days_past_due DESC, account_id) AS rank,
         account_id
  FROM sql_reasons WHERE reasons = '';
CREATE TABLE sql_excluded AS
  SELECT account_id, reasons FROM sql_reasons WHERE reasons <> '';
DROP TABLE sql_reasons;
COMMIT;
