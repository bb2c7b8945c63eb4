"""Thủ tục hành chính: TTHC cases per unit (Biểu 06 columns), per field, trend, late list."""

from oversight.ui import kind_page

kind_page.render("cases")
