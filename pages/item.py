"""Chi tiết mục: one case, task or feedback item, opened from any list by its link (muc?loai=…&ma=…)."""

from oversight.ui import item
from oversight.ui.guard import through_the_gate

through_the_gate()

item.render()
