"""A printed PDF's words as a reader would get them, page by page, read by poppler's pdftotext (which the
README's test command installs): pypdf's text extraction took half a minute for a combined PDF of 97 pages."""

import re
import shutil
import subprocess

if shutil.which("pdftotext") is None:
    raise RuntimeError("the tests read PDFs with pdftotext: install poppler-utils (scripts/install.sh --test does)")


def page_texts(path) -> list[str]:
    """Each page's words in reading order; pdftotext ends every page with a form feed."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def flowing_text(path) -> str:
    """Every page's words joined by single spaces, so a phrase matches however the lines broke."""
    return " ".join(" ".join(page.split()) for page in page_texts(path))


def lowest_words(path) -> list[float]:
    """How far down each page its lowest word reaches, in points from the top."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [
        max(float(bottom) for bottom in re.findall(r'yMax="([0-9.]+)"', page)) for page in boxes.split("<page ")[1:]
    ]
