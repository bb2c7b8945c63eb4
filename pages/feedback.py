"""Phản ánh, kiến nghị: feedback per unit, per field, trend, overdue list."""

from oversight.ui import kind_page

kind_page.render("feedback")
