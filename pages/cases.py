"""Thủ tục hành chính: TTHC cases per unit (Biểu 06 columns), per field, trend, late list."""

from oversight.ui import kind_page
from oversight.ui.guard import through_the_gate

through_the_gate()

kind_page.render("cases")
