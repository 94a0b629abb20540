"""The Qt side: thin widgets over what the model computes."""

import os

# pyqtgraph picks PyQt6 over PySide6 when both are installed unless told.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
