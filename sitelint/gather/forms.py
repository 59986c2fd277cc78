"""Forms and the fields a person fills in, with their accessible names.

Field counting follows RULES.md: hidden inputs, buttons and honeypots never
count, and a radio group (or checkboxes sharing a name) counts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitelint.gather.dom import collapse, css_path, region_of, text_of
from sitelint.gather.visibility import hidden_reason

_NOT_FILLABLE = frozenset({"hidden", "submit", "button", "reset", "image"})
_SUBMIT_INPUTS = frozenset({"submit", "image"})


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

    @property
    def fillable_fields(self) -> tuple[FormField, ...]:
        return tuple(f for f in self.fields if f.fillable)

    @property
    def field_count(self) -> int:
        return len({f.group_key for f in self.fillable_fields})


def _labels_by_id(tree: LexborHTMLParser) -> dict[str, str]:
    labels: dict[str, str] = {}
    for label in tree.css("label[for]"):
        target = label.attributes.get("for") or ""
        text = text_of(label)
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
            return text_of(ancestor)
        ancestor = ancestor.parent
    return collapse(attributes.get("title") or "")


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
        else hidden_reason(node, honeypot=True),
        selector=css_path(node),
    )


def extract_forms(tree: LexborHTMLParser, page_url: str) -> list[Form]:
    labels = _labels_by_id(tree)
    forms: list[Form] = []
    for form in tree.css("form"):
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
            )
        )
    return forms
