"""Reading charts back in tests: parse the SVG as XML, as a browser or a PDF renderer would."""

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it
    assert root.tag == f"{SVG}svg"
    return root


def all_text(root: ET.Element) -> str:
    return " ".join(t for t in root.itertext())
