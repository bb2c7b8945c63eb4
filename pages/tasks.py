"""Nhiệm vụ: assigned tasks per unit, per field, trend, overdue list."""

from oversight.ui import kind_page

kind_page.render("tasks")
