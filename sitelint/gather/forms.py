"""Forms and the fields a person fills in, with their accessible names.

Field counting follows RULES.md: hidden inputs, buttons and honeypots never
count, and a radio group (or checkboxes sharing a name) counts once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitelint.gather.dom import collapse, css_path, region_of, text_of
from sitelint.gather.links import base_url, resolver
from sitelint.gather.text import text_segments
from sitelint.gather.visibility import hidden_reason

_NOT_FILLABLE = frozenset({"hidden", "submit", "button", "reset", "image"})
_SUBMIT_INPUTS = frozenset({"submit", "image"})
# Honeypots hidden by a stylesheet rather than inline: their class, id or
# name gives them away (the common form plugins' own names).
_HONEYPOT_MARKERS = ("honeypot", "ohnohoney", "hpot", "gform_validation_container", "hp-field")
# Content inside a <label> that is not the label's text.
_NOT_LABEL_TEXT = frozenset(
    {"select", "option", "textarea", "script", "style", "template", "datalist"}
)
# The elements whose content is "the form's nearest enclosing section" (SL307).
_SECTIONS = frozenset({"section", "article", "aside", "footer", "header", "main", "dialog"})
_SECTION_ROLES = frozenset({"region", "dialog", "complementary", "contentinfo", "main"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Text blocks in a form that are not help text: what names fields and buttons.
_NOT_HELP_TEXT = frozenset({"label", "button", "option", "select", "textarea", *_HEADINGS})


@dataclass(frozen=True, slots=True)
class FormField:
    tag: str  # input, select, textarea
    type: str  # the input type ("text", "email", "checkbox", ...); the tag for others
    name: str
    element_id: str
    label: str  # the accessible name; "" when it has none
    placeholder: str
    autocomplete: str
    required: bool
    checked: bool
    disabled: bool
    hidden_reason: str | None  # hidden or a honeypot, statically
    selector: str

    @property
    def fillable(self) -> bool:
        """A visible, enabled control a person fills in."""
        return self.type not in _NOT_FILLABLE and not self.disabled and self.hidden_reason is None

    @property
    def group_key(self) -> str:
        """Radios and same-named checkboxes count as one field."""
        if self.type in ("radio", "checkbox") and self.name:
            return f"{self.type}:{self.name}"
        return self.selector

    @property
    def descriptor(self) -> str:
        """Everything that names the field, for keyword matching."""
        return " ".join(
            part
            for part in (
                self.name,
                self.element_id,
                self.label,
                self.placeholder,
                self.autocomplete,
            )
            if part
        )


@dataclass(frozen=True, slots=True)
class Form:
    selector: str
    action: str  # absolute URL the form posts to
    method: str
    region: str
    fields: tuple[FormField, ...]
    submit_texts: tuple[str, ...]
    text: str  # all text inside the form (labels, help text, buttons)
    # The form's own id, name, class, role and aria-label, for classifying it.
    identity: str = ""
    # The heading inside the form, or the nearest one before it in its section.
    heading: str = ""
    # Visible text blocks other than labels, headings and buttons: help text, notes.
    help_texts: tuple[str, ...] = ()
    # (text, absolute href) of the links in the form and its nearest enclosing section.
    nearby_links: tuple[tuple[str, str], ...] = ()

    @property
    def fillable_fields(self) -> tuple[FormField, ...]:
        return tuple(f for f in self.fields if f.fillable)

    @property
    def field_count(self) -> int:
        return len({f.group_key for f in self.fillable_fields})


def _label_text(label: LexborNode) -> str:
    """A label's own words: not the options of a select or the text of a textarea inside it."""
    parts: list[str] = []
    stack: list[LexborNode] = [label]
    while stack:
        node = stack.pop()
        if node.tag == "-text":
            parts.append(node.text_content or "")
            continue
        if node.tag in _NOT_LABEL_TEXT:
            continue
        stack.extend(reversed(list(node.iter(include_text=True))))
    return collapse(" ".join(parts))


def _labels_by_id(tree: LexborHTMLParser) -> dict[str, str]:
    labels: dict[str, str] = {}
    for label in tree.css("label[for]"):
        target = label.attributes.get("for") or ""
        text = _label_text(label)
        if target and text:
            labels.setdefault(target, text)
    return labels


def _accessible_name(field: LexborNode, tree: LexborHTMLParser, labels: dict[str, str]) -> str:
    attributes = field.attributes
    aria_label = collapse(attributes.get("aria-label") or "")
    if aria_label:
        return aria_label
    labelled_by = (attributes.get("aria-labelledby") or "").split()
    if labelled_by:
        texts = []
        for element_id in labelled_by:
            target = tree.css_first(f'[id="{element_id}"]') if '"' not in element_id else None
            if target is not None:
                texts.append(text_of(target))
        if any(texts):
            return collapse(" ".join(texts))
    element_id = attributes.get("id") or ""
    if element_id and element_id in labels:
        return labels[element_id]
    ancestor = field.parent
    while ancestor is not None and ancestor.tag not in ("form", "body", None):
        if ancestor.tag == "label":
            return _label_text(ancestor)
        ancestor = ancestor.parent
    return collapse(attributes.get("title") or "")


def _honeypot_marker(node: LexborNode) -> str | None:
    """A honeypot named as such on the field or a container inside the form."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("form", "body", "html", None):
        attributes = current.attributes
        names = " ".join((attributes.get(name) or "") for name in ("class", "id", "name")).lower()
        for marker in _HONEYPOT_MARKERS:
            if marker in names:
                return f'honeypot ("{marker}")'
        current = current.parent
    return None


def _field(node: LexborNode, tree: LexborHTMLParser, labels: dict[str, str]) -> FormField:
    attributes = node.attributes
    tag = node.tag or ""
    field_type = (attributes.get("type") or "text").lower() if tag == "input" else tag
    return FormField(
        tag=tag,
        type=field_type,
        name=attributes.get("name") or "",
        element_id=attributes.get("id") or "",
        label=_accessible_name(node, tree, labels) if field_type not in _NOT_FILLABLE else "",
        placeholder=collapse(attributes.get("placeholder") or ""),
        autocomplete=(attributes.get("autocomplete") or "").lower(),
        required="required" in attributes or attributes.get("aria-required") == "true",
        checked="checked" in attributes or (tag == "option" and "selected" in attributes),
        disabled="disabled" in attributes,
        hidden_reason="type=hidden"
        if field_type == "hidden"
        else hidden_reason(node, honeypot=True) or _honeypot_marker(node),
        selector=css_path(node),
    )


def _identity(form: LexborNode) -> str:
    attributes = form.attributes
    return collapse(
        " ".join(
            attributes.get(name) or ""
            for name in ("id", "name", "class", "role", "aria-label", "data-form", "data-type")
        )
    )


def _section_of(form: LexborNode) -> LexborNode | None:
    """The nearest enclosing section, landmark or dialog; else the form's container."""
    current = form.parent
    while current is not None and current.tag not in ("body", "html", None):
        if current.tag in _SECTIONS or (current.attributes.get("role") or "") in _SECTION_ROLES:
            return current
        current = current.parent
    parent = form.parent
    return parent if parent is not None and parent.tag not in ("body", "html", None) else None


def _heading(form: LexborNode, section: LexborNode | None) -> str:
    inside = form.css_first("h1, h2, h3, h4, h5, h6, legend")
    if inside is not None:
        return text_of(inside)
    # The last heading before the form, looking outwards up to its section.
    current: LexborNode | None = form
    while current is not None and current.tag not in ("body", "html", None):
        sibling = current.prev
        while sibling is not None:
            if sibling.tag in _HEADINGS:
                return text_of(sibling)
            if sibling.tag and not sibling.tag.startswith("-"):
                nested = sibling.css(", ".join(_HEADINGS))
                if nested:
                    return text_of(nested[-1])
            sibling = sibling.prev
        if current is section:
            break
        current = current.parent
    return ""


def _help_texts(form: LexborNode) -> tuple[str, ...]:
    return tuple(
        segment.text
        for segment in text_segments(form)
        if segment.visible and segment.tag not in _NOT_HELP_TEXT
    )


def _nearby_links(
    form: LexborNode, section: LexborNode | None, resolve: Callable[[str], str]
) -> tuple[tuple[str, str], ...]:
    links: dict[tuple[str, str], None] = {}  # in order, once each
    for container in (form, section):
        if container is None:
            continue
        for anchor in container.css("a[href]"):
            href = (anchor.attributes.get("href") or "").strip()
            if not href or href.startswith("#"):
                continue
            try:
                absolute = resolve(href)
            except ValueError:
                continue
            text = text_of(anchor) or collapse(anchor.attributes.get("aria-label") or "")
            links[(text, absolute)] = None
    return tuple(links)


def extract_forms(tree: LexborHTMLParser, page_url: str) -> list[Form]:
    labels = _labels_by_id(tree)
    resolve = resolver(base_url(tree, page_url))
    forms: list[Form] = []
    for form in tree.css("form"):
        section = _section_of(form)
        fields = tuple(_field(n, tree, labels) for n in form.css("input, select, textarea"))
        submit_texts = [text_of(b) for b in form.css("button:not([type=button]):not([type=reset])")]
        submit_texts += [
            collapse(n.attributes.get("value") or "Submit")
            for n in form.css("input")
            if (n.attributes.get("type") or "").lower() in _SUBMIT_INPUTS
        ]
        forms.append(
            Form(
                selector=css_path(form),
                action=urljoin(page_url, (form.attributes.get("action") or "").strip()),
                method=(form.attributes.get("method") or "get").lower(),
                region=region_of(form),
                fields=fields,
                submit_texts=tuple(t for t in submit_texts if t),
                text=text_of(form),
                identity=_identity(form),
                heading=_heading(form, section),
                help_texts=_help_texts(form),
                nearby_links=_nearby_links(form, section, resolve),
            )
        )
    return forms
