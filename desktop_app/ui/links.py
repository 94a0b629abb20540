"""Opening web addresses in the user's browser: only http(s) addresses the loaded data itself lists.

A link in shown text could otherwise come from a file and point anywhere (file:///etc/passwd, a local
program); the app makes no connection itself, it hands a checked address to the browser.
"""

from collections.abc import Collection

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

WEB_SCHEMES = ("http", "https")


def open_listed_link(address: QUrl | str, listed: Collection[str]) -> bool:
    """Opens ``address`` if it is a web address in ``listed``; says whether it did."""
    url = QUrl(address)
    if url.scheme().lower() not in WEB_SCHEMES or not any(QUrl(item) == url for item in listed):
        return False
    return QDesktopServices.openUrl(url)
