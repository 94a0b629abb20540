"""The trend chart as an image file: one class per format, each checking its own writer and output.

QImage and QSvgGenerator do not raise when the disk fills; each class reads its file back before the
atomic helper lets it replace anything.
"""

import re
import struct
import xml.etree.ElementTree as ElementTree
import zlib
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters.Exporter import Exporter
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop_app.io.atomic import WriteFailed, atomic_path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
LINE_TAGS = {f"{{{SVG_NAMESPACE}}}path", f"{{{SVG_NAMESPACE}}}polyline"}
MATRIX = re.compile(r"matrix\(([^)]*)\)")
COORDINATE_PAIR = re.compile(r"(-?[0-9.]+(?:e[-+]?[0-9]+)?),(-?[0-9.]+(?:e[-+]?[0-9]+)?)")


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


def _transformed_pairs(text: str, matrix: list[float]) -> str:
    """Every "x,y" pair in a path or polyline moved through an SVG matrix(a, b, c, d, e, f)."""
    a, b, c, d, e, f = matrix

    def moved(pair: re.Match) -> str:
        x, y = float(pair[1]), float(pair[2])
        return f"{a * x + c * y + e:.6g},{b * x + d * y + f:.6g}"

    return COORDINATE_PAIR.sub(moved, text)


def _drawn_with_a_fixed_pen(element: ElementTree.Element) -> bool:
    """A line whose pen keeps its width whatever the scale: moving its points changes nothing else."""
    return element.tag in LINE_TAGS and element.get("vector-effect") == "non-scaling-stroke"


def bake_line_transforms(svg: str) -> str:
    """Applies each group's transform to the lines in it and drops the transform.

    Qt writes a plotted line in the chart's own units (years, offences) inside a group scaled by the view
    (x83, y-0.14), with ``vector-effect="non-scaling-stroke"`` to keep its pen 2.5 pixels wide. Renderers
    that ignore that effect (rsvg-convert, ImageMagick, older Inkscape) scale the pen with the view and
    paint smears that run below zero and off the year ticks. In pixel coordinates the line is drawn the
    same by every renderer. Only groups holding nothing but such lines are changed.
    """
    ElementTree.register_namespace("", SVG_NAMESPACE)
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ElementTree.fromstring(svg)
    for group in root.iter(f"{{{SVG_NAMESPACE}}}g"):
        found = MATRIX.fullmatch(group.get("transform", ""))
        drawn = list(group)
        if found is None or not drawn or not all(_drawn_with_a_fixed_pen(child) for child in drawn):
            continue
        matrix = [float(number) for number in found[1].split(",")]
        for child in drawn:
            attribute = "points" if child.tag.endswith("polyline") else "d"
            child.set(attribute, _transformed_pairs(child.get(attribute, ""), matrix))
        del group.attrib["transform"]
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True)


class SvgExport:
    """Vectors, sharp at any size and editable in a drawing program, drawn alike by Qt and rsvg-convert."""

    suffix = ".svg"

    def write(self, plot: pg.PlotWidget, path: Path) -> None:
        with atomic_path(path, self.verify) as temporary:
            generator = QSvgGenerator()
            generator.setFileName(str(temporary))
            generator.setSize(plot.size())
            generator.setViewBox(plot.rect())
            generator.setResolution(plot.logicalDpiX())  # at 72 dpi, Qt shrank and misplaced the axis text
            generator.setTitle(plot.getPlotItem().titleLabel.text)
            # In export mode pyqtgraph draws each point as a shape; from its cache it would paste the whole
            # sheet of cached symbols as one picture per point.
            points = Exporter(plot.getPlotItem())
            points.setExportMode(True, {"antialias": True})
            painter = QPainter()
            try:
                if not painter.begin(generator):
                    raise _not_drawn(path)
                plot.render(painter)
                if not painter.end():
                    raise _not_drawn(path)
            finally:
                points.setExportMode(False)
            try:
                baked = bake_line_transforms(temporary.read_text(encoding="utf-8"))
            except ElementTree.ParseError:
                raise _not_drawn(path) from None
            temporary.write_text(baked, encoding="utf-8")

    @staticmethod
    def verify(path: Path) -> bool:
        """Reads the whole document back: a file cut short is not well-formed XML."""
        try:
            return ElementTree.parse(path).getroot().tag.endswith("svg")
        except ElementTree.ParseError:
            return False


CHART_FORMATS = {export.suffix: export for export in (PngExport(), SvgExport())}
