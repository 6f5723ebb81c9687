"""Parse what the embeds render, the way a browser or a feed reader would, to check that texts stayed texts."""

from html.parser import HTMLParser

PAYLOADS = ("<script>", '"onmouseover=', "]]>", "</svg>")


class Page(HTMLParser):
    """Every element (tag, attributes) and the text of an HTML document, as the HTML parser sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def tags(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def event_handlers(self) -> list[str]:
        return [name for _, attrs in self.elements for name in attrs if name.startswith("on")]
