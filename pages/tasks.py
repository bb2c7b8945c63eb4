"""Nhiệm vụ: assigned tasks per unit, per field, trend, overdue list."""

from oversight.ui import kind_page
from oversight.ui.guard import through_the_gate

through_the_gate()

kind_page.render("tasks")
