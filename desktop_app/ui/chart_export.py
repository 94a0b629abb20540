"""The trend chart as an image file: one class per format, each checking its own writer and output.

QImage and QSvgGenerator do not raise when the disk fills; each class reads its file back before the
atomic helper lets it replace anything.
"""

import struct
import xml.etree.ElementTree as ElementTree
import zlib
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop_app.io.atomic import WriteFailed, atomic_path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _not_drawn(path: Path) -> WriteFailed:
    return WriteFailed(f"The chart could not be drawn into {path} (is the disk full?); nothing was changed.")


class PngExport:
    """A bitmap at twice the chart's size on screen, for slides and documents."""

    suffix = ".png"

    def write(self, plot: pg.PlotWidget, path: Path) -> None:
        from pyqtgraph.exporters import ImageExporter

        exporter = ImageExporter(plot.getPlotItem())
        exporter.parameters()["width"] = plot.width() * 2
        image = exporter.export(toBytes=True)
        with atomic_path(path, self.verify) as temporary:
            if not image.save(str(temporary), "PNG"):
                raise _not_drawn(path)

    @staticmethod
    def verify(path: Path) -> bool:
        """Walks every chunk, checking its checksum, to the closing IEND chunk."""
        data = Path(path).read_bytes()
        if not data.startswith(PNG_SIGNATURE):
            return False
        position = len(PNG_SIGNATURE)
        while position + 12 <= len(data):
            length, kind = struct.unpack(">I4s", data[position : position + 8])
            end = position + 12 + length
            if end > len(data):
                return False
            (checksum,) = struct.unpack(">I", data[end - 4 : end])
            if zlib.crc32(data[position + 4 : end - 4]) != checksum:
                return False
            if kind == b"IEND":
                return True
            position = end
        return False


class SvgExport:
    """Vectors, sharp at any size and editable in a drawing program."""

    suffix = ".svg"

    def write(self, plot: pg.PlotWidget, path: Path) -> None:
        with atomic_path(path, self.verify) as temporary:
            generator = QSvgGenerator()
            generator.setFileName(str(temporary))
            generator.setSize(plot.size())
            generator.setViewBox(plot.rect())
            generator.setTitle(plot.getPlotItem().titleLabel.text)
            painter = QPainter()
            if not painter.begin(generator):
                raise _not_drawn(path)
            plot.render(painter)
            if not painter.end():
                raise _not_drawn(path)

    @staticmethod
    def verify(path: Path) -> bool:
        """Reads the whole document back: a file cut short is not well-formed XML."""
        try:
            return ElementTree.parse(path).getroot().tag.endswith("svg")
        except ElementTree.ParseError:
            return False


CHART_FORMATS = {export.suffix: export for export in (PngExport(), SvgExport())}
