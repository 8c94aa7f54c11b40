"""A checker for executable contexts in HTML, shared by the sanitiser and rendering tests."""

from __future__ import annotations

from html.parser import HTMLParser

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "img", "svg", "math", "style", "link", "meta", "form", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "data"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                if scheme and scheme not in {"http", "https", "mailto"}:
                    self.found.append(f"{tag}[{name}={value[:30]}]")
            if name == "style":
                self.found.append(f"{tag}[style]")


def executable_contexts(html: str) -> list[str]:
    """Every element or attribute in ``html`` that could run code or load from elsewhere."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found
