-- 072: the items an incremental refresh of the metrics caches rebuilds (issue 15; oversight/metrics_cache.py):
-- every task, case and feedback item with a row in an upload that started or stopped counting since the caches
-- were built (a new upload, a rollback, a replacement, the demo retired). Filled and emptied inside the refresh's
-- own transaction, so another session never sees a row; read through the views stg_dirty_* (queries/staging).

CREATE TABLE metrics_cache_dirty (
    kind      VARCHAR NOT NULL,   -- 'tasks', 'cases' or 'feedback'
    item_key  VARCHAR NOT NULL    -- item_key, case_code or feedback_code
);
