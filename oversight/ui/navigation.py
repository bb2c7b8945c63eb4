"""The app's pages: their scripts, Vietnamese titles, addresses and who is offered them.

`offered()` gives st.navigation the pages the current principal may use (the functions behind a page refuse
anybody else anyway). `gate(render, title)` shows a single screen (login, first-admin setup, first-start
loading) at every page address: Streamlit serves the scripts in pages/ by URL whenever a run does not call
st.navigation, so the gate calls it with that screen alone; and a bookmarked address (?unit=…&period=…) keeps
its path and parameters through the login, then opens the page it names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

import streamlit as st

from oversight import access


@dataclass(frozen=True)
class PageSpec:
    script: str
    title: str
    icon: str
    url_path: str
    section: str
    needs: tuple[str, ...] = (access.READ_AGGREGATES,)  # any one of these permissions
    default: bool = False
    hidden: bool = False  # reached by links only (an item's page), never listed in the menu


PAGES = (
    PageSpec("pages/overview.py", "Tổng quan", ":material/dashboard:", "tong-quan", "Điều hành", default=True),
    PageSpec("pages/rankings.py", "Xếp hạng", ":material/leaderboard:", "xep-hang", "Điều hành"),
    PageSpec("pages/unit.py", "Đơn vị", ":material/account_balance:", "don-vi", "Điều hành"),
    PageSpec("pages/brief.py", "Báo cáo nhanh", ":material/print:", "bao-cao-nhanh", "Điều hành"),
    PageSpec("pages/register.py", "Sổ theo dõi nhắc nhở, phê bình", ":material/gavel:", "so-theo-doi", "Điều hành"),
    PageSpec("pages/tasks.py", "Nhiệm vụ", ":material/task_alt:", "nhiem-vu", "Lĩnh vực theo dõi"),
    PageSpec("pages/cases.py", "Thủ tục hành chính", ":material/folder_open:", "tthc", "Lĩnh vực theo dõi"),
    PageSpec("pages/feedback.py", "Phản ánh, kiến nghị", ":material/campaign:", "phan-anh", "Lĩnh vực theo dõi"),
    PageSpec(
        "pages/upload.py", "Tải dữ liệu", ":material/upload_file:", "tai-du-lieu", "Dữ liệu", needs=(access.UPLOAD,)
    ),
    PageSpec(
        "pages/units_admin.py",
        "Danh mục đơn vị",
        ":material/account_tree:",
        "danh-muc-don-vi",
        "Dữ liệu",
        needs=(access.MANAGE_UNITS,),
    ),
    PageSpec(
        "pages/admin.py",
        "Quản trị",
        ":material/admin_panel_settings:",
        "quan-tri",
        "Dữ liệu",
        needs=(access.MANAGE_USERS, access.VIEW_AUDIT),
    ),
    PageSpec("pages/map.py", "Bản đồ", ":material/map:", "ban-do", "Điều hành"),
    PageSpec(
        "pages/item.py", "Chi tiết mục", ":material/description:", "muc", "Điều hành", (access.READ_ITEMS,), hidden=True
    ),
)


ROOT_URL_PATH = "trang-chu"  # the default page's own name inside Streamlit; its address is the root


def offered() -> dict[str, list]:
    """The st.navigation sections of the pages the current principal may use, in PAGES order.

    Streamlit serves the default page at the root only (its url_path becomes ""), so the default page is
    offered twice: at the root, listed in the menu, and hidden at its own address (/tong-quan), which then
    answers too instead of «Page not found»."""
    sections: dict[str, list] = {}
    for spec in PAGES:
        if any(access.may(p) for p in spec.needs):
            pages = sections.setdefault(spec.section, [])
            if spec.default:
                pages.append(
                    st.Page(spec.script, title=spec.title, icon=spec.icon, url_path=ROOT_URL_PATH, default=True)
                )
                pages.append(
                    st.Page(spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path, visibility="hidden")
                )
            else:
                visibility = "hidden" if spec.hidden else "visible"
                pages.append(
                    st.Page(
                        spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path, visibility=visibility
                    )
                )
    return sections


def gate(render: Callable[[], None], title: str) -> NoReturn:
    """Show `render` as the only screen, at the app's root and at every page address, then stop."""
    screens = [st.Page(render, title=title, default=True)]
    for spec in PAGES:  # the default page's own address too (/tong-quan)
        screens.append(st.Page(_same(render, spec.url_path), title=title, url_path=spec.url_path))
    st.navigation(screens, position="hidden").run()
    st.stop()


def _same(render: Callable[[], None], url_path: str) -> Callable[[], None]:
    """A distinct callable per address: Streamlit tells callable pages apart by the function's name."""

    def screen() -> None:
        render()

    screen.__name__ = screen.__qualname__ = "gate_" + url_path.replace("-", "_")
    return screen
