-- near_item(froms, tos, i, received_at, done_at, scope_end, due_at): whether the item with these instants may be
-- classified differently in the period [froms[i], tos[i]] and in its near_month_run (for WHERE clauses: NULL, read
-- as false, when there is no period i or the instants are missing). The windows of days between their bounds: from
-- the earlier start to the day before the later one (near_start_lo, near_start_end); from the day after the earlier
-- end to the later end (near_end_lo, near_end_end). An item is classified alike in both unless it was received, done
-- or went out of scope (scope_end) in a window, or, not done by the earlier end, is due in the end window or in it
-- moved 7 days on (the last day of "due soon" differs). Built from constants (the window bounds fold when the dates
-- are bound parameters), so that kind_counts' scan compares each row with literals.
create or replace macro near_item(froms, tos, i, received_at, done_at, scope_end, due_at) as
    (
        (received_at >= near_start_lo(froms, i) and received_at < near_start_end(froms, i))
        or (received_at >= near_end_lo(tos, i) and received_at < near_end_end(tos, i))
        or (done_at >= near_start_lo(froms, i) and done_at < near_start_end(froms, i))
        or (done_at >= near_end_lo(tos, i) and done_at < near_end_end(tos, i))
        or (scope_end >= near_start_lo(froms, i) and scope_end < near_start_end(froms, i))
        or (
            (
                (due_at >= near_end_lo(tos, i) and due_at < near_end_end(tos, i))
                or (due_at >= near_end_lo(tos, i) + interval 7 day and due_at < near_end_end(tos, i) + interval 7 day)
            )
            and (done_at is null or done_at >= near_end_lo(tos, i))
        )
    )
