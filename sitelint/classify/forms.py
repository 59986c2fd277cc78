"""What a form is for, and what each of its fields asks for.

A form's purpose (newsletter, contact, lead, signup, checkout, login, search,
other) decides which limits the form rules hold it to (RULES.md, 3xx): a
newsletter needs an email address, a checkout needs an address. It is read
from the fields (a password, a message box, card fields), the submit
buttons' text, the form's own id, class and aria-label, its heading, and the
kind of page it is on. The vocabulary is data: the ``forms_purpose_*`` and
``forms_field_*`` lists in sitelint/data/lang/<code>/forms.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from sitelint.gather.forms import Form, FormField
from sitelint.keywords import PhraseMatcher, lexicon, normalise
from sitelint.models import PageKind
from sitelint.negation import affirmed


class FormPurpose(StrEnum):
    NEWSLETTER = "newsletter"
    CONTACT = "contact"
    LEAD = "lead"  # demo, quote, consultation, download
    SIGNUP = "signup"
    CHECKOUT = "checkout"
    LOGIN = "login"
    SEARCH = "search"
    OTHER = "other"


class FieldTopic(StrEnum):
    """What a field asks for."""

    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"
    COMPANY = "company"
    ADDRESS = "address"
    PAYMENT = "payment"
    PASSWORD = "password"
    NEW_PASSWORD = "new password"
    SEARCH = "search"
    MESSAGE = "message"
    QUANTITY = "quantity"
    NATIONAL_ID = "national id"
    DATE_OF_BIRTH = "date of birth"
    GENDER = "gender"
    INCOME = "income"
    MARITAL_STATUS = "marital status"
    RELIGION = "religion"
    ETHNICITY = "ethnicity"
    HEALTH = "health"


# The special categories and identifiers a newsletter, contact or lead form
# has no need for (SL302), with the phrase list that names each.
SENSITIVE_TOPICS: dict[FieldTopic, str] = {
    FieldTopic.NATIONAL_ID: "forms_sensitive_national_id",
    FieldTopic.DATE_OF_BIRTH: "forms_sensitive_date_of_birth",
    FieldTopic.GENDER: "forms_sensitive_gender",
    FieldTopic.INCOME: "forms_sensitive_income",
    FieldTopic.MARITAL_STATUS: "forms_sensitive_marital_status",
    FieldTopic.RELIGION: "forms_sensitive_religion",
    FieldTopic.ETHNICITY: "forms_sensitive_ethnicity",
    FieldTopic.HEALTH: "forms_sensitive_health",
}
# Short codes for some of them ("ssn", "tin", "dob") that count only as the
# last word of a field's name or label, or written in capitals.
_SENSITIVE_CODES: dict[FieldTopic, str] = {
    FieldTopic.NATIONAL_ID: "forms_sensitive_national_id_codes",
    FieldTopic.DATE_OF_BIRTH: "forms_sensitive_date_of_birth_codes",
}
# Personal data: what makes a form worth protecting in transit (SL306).
PERSONAL_TOPICS = frozenset(
    {
        FieldTopic.EMAIL,
        FieldTopic.PHONE,
        FieldTopic.NAME,
        FieldTopic.ADDRESS,
        FieldTopic.PAYMENT,
        FieldTopic.PASSWORD,
        FieldTopic.NEW_PASSWORD,
        *SENSITIVE_TOPICS,
    }
)
# What a field asks for, by the words that name it.
_TOPIC_LISTS = {
    FieldTopic.EMAIL: "forms_field_email",
    FieldTopic.PHONE: "forms_field_phone",
    FieldTopic.COMPANY: "forms_field_company",
    FieldTopic.PAYMENT: "forms_field_payment",
    FieldTopic.NEW_PASSWORD: "forms_field_new_password",
    FieldTopic.MESSAGE: "forms_field_message",
    FieldTopic.QUANTITY: "forms_field_quantity",
}
# HTML autofill tokens (HTML Living Standard, "Autofill"): language-free.
_AUTOCOMPLETE = {
    "email": FieldTopic.EMAIL,
    "tel": FieldTopic.PHONE,
    "tel-national": FieldTopic.PHONE,
    "tel-local": FieldTopic.PHONE,
    "name": FieldTopic.NAME,
    "given-name": FieldTopic.NAME,
    "family-name": FieldTopic.NAME,
    "additional-name": FieldTopic.NAME,
    "honorific-prefix": FieldTopic.NAME,
    "organization": FieldTopic.COMPANY,
    "street-address": FieldTopic.ADDRESS,
    "address-line1": FieldTopic.ADDRESS,
    "address-line2": FieldTopic.ADDRESS,
    "address-line3": FieldTopic.ADDRESS,
    "address-level2": FieldTopic.ADDRESS,
    "postal-code": FieldTopic.ADDRESS,
    "new-password": FieldTopic.NEW_PASSWORD,
    "current-password": FieldTopic.PASSWORD,
    "bday": FieldTopic.DATE_OF_BIRTH,
    "bday-day": FieldTopic.DATE_OF_BIRTH,
    "bday-month": FieldTopic.DATE_OF_BIRTH,
    "bday-year": FieldTopic.DATE_OF_BIRTH,
    "sex": FieldTopic.GENDER,
}
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[_\-\[\].:]+")


def words(text: str) -> str:
    """An identifier or label as plain words: "dateOfBirth", "date_of_birth" -> "date of birth"."""
    return normalise(_SEPARATORS.sub(" ", _CAMEL.sub(" ", text)))


@cache
def _matcher(name: str) -> PhraseMatcher:
    return lexicon().phrases(name)


def _search(name: str, texts: Iterable[str]) -> str | None:
    matcher = _matcher(name)
    for text in texts:
        if text:
            found = matcher.search(text)
            if found:
                return found
    return None


def field_names(field: FormField) -> tuple[str, ...]:
    """The field's name, id, autocomplete token, label and placeholder, as plain words."""
    return tuple(
        words(part)
        for part in (
            field.name,
            field.element_id,
            field.autocomplete,
            field.label,
            field.placeholder,
        )
        if part
    )


def sensitive_topic(field: FormField) -> tuple[FieldTopic, str] | None:
    """The special category a field asks for, and the words that say so."""
    for token in field.autocomplete.split():
        topic = _AUTOCOMPLETE.get(token)
        if topic in SENSITIVE_TOPICS:
            return topic, f'autocomplete="{field.autocomplete}"'
    raw: tuple[str, ...] = (
        field.name,
        field.element_id,
        field.autocomplete,
        field.label,
        field.placeholder,
    )
    if field.type in ("checkbox", "radio"):
        # Only a group's name says what it asks; a box's label is one answer
        # ("Female") or a statement ("I consent to ... health data").
        raw = (field.name, field.element_id)
    names = tuple(words(part) for part in raw if part)
    for topic, list_name in SENSITIVE_TOPICS.items():
        found = _search(list_name, names)
        if found:
            return topic, found
        codes_list = _SENSITIVE_CODES.get(topic)
        if codes_list:
            code = _code_in(codes_list, raw)
            if code:
                return topic, code
    return None


def _code_in(list_name: str, raw: Iterable[str]) -> str | None:
    codes = _matcher(list_name)
    for text in raw:
        if not text:
            continue
        plain = words(text)
        last = plain.rsplit(" ", 1)[-1]
        if codes.fullmatch(last):
            return last
        for match in codes.finditer(text):
            if match.group(0).isupper():
                return match.group(0)
    return None


@lru_cache(maxsize=4096)
def _topics_of(field: FormField) -> frozenset[FieldTopic]:
    sensitive = sensitive_topic(field)
    if field.type in ("checkbox", "radio"):
        # A box's label is a statement ("Email me offers", "Billing address same
        # as delivery"), not the data it asks for; a group's name may still be
        # "gender" or "marital_status".
        return frozenset({sensitive[0]}) if sensitive else frozenset()
    topics: set[FieldTopic] = set()
    for token in field.autocomplete.split():
        if token in _AUTOCOMPLETE:
            topics.add(_AUTOCOMPLETE[token])
        elif token.startswith("cc-"):
            topics.add(FieldTopic.PAYMENT)
    if field.type == "email":
        topics.add(FieldTopic.EMAIL)
    elif field.type == "tel":
        topics.add(FieldTopic.PHONE)
    elif field.type == "password":
        topics.add(FieldTopic.PASSWORD)
    elif field.type == "search":
        topics.add(FieldTopic.SEARCH)
    names = field_names(field)
    for topic, list_name in _TOPIC_LISTS.items():
        if _search(list_name, names):
            topics.add(topic)
    if FieldTopic.NEW_PASSWORD in topics and field.type != "password":
        topics.discard(FieldTopic.NEW_PASSWORD)  # "choose a password" help text on a text box
    if FieldTopic.NEW_PASSWORD in topics:
        topics.add(FieldTopic.PASSWORD)
    for part in names:
        if _search("forms_field_name", (part,)) and not _search(
            "forms_field_not_person_name", (part,)
        ):
            topics.add(FieldTopic.NAME)
        if _search("forms_field_address", (part,)) and not _search(
            "forms_field_not_address", (part,)
        ):
            topics.add(FieldTopic.ADDRESS)
    search = _matcher("forms_field_search")
    if any(
        search.fullmatch(words(part))
        for part in (field.name, field.element_id, field.label)
        if part
    ):
        topics.add(FieldTopic.SEARCH)
    if field.tag == "textarea" and FieldTopic.ADDRESS not in topics:
        topics.add(FieldTopic.MESSAGE)
    if FieldTopic.EMAIL in topics:
        topics.discard(FieldTopic.ADDRESS)
    if sensitive:
        topics.add(sensitive[0])
    return frozenset(topics)


def field_topics(field: FormField) -> frozenset[FieldTopic]:
    """What the field asks for: from its type, autocomplete token, name, id and label."""
    return _topics_of(field)


def personal_fields(form: Form) -> list[tuple[FormField, frozenset[FieldTopic]]]:
    """The visible fields that ask for personal data, with what they ask for."""
    found = []
    for field in form.fillable_fields:
        topics = field_topics(field) & PERSONAL_TOPICS
        if topics:
            found.append((field, topics))
    return found


@dataclass(frozen=True)
class FormClassification:
    purpose: FormPurpose
    reason: str  # what decided it, for evidence: 'its button "Request a demo"'


def classify_form(form: Form, page_kind: PageKind) -> FormClassification:
    """The form's purpose and the signal that decided it."""
    fields = form.fillable_fields
    topics: set[FieldTopic] = set()
    for field in fields:
        topics |= field_topics(field)
    count = form.field_count
    submit = tuple(form.submit_texts)
    identity = (words(form.identity),)
    heading = (form.heading,)

    def named(list_name: str, *sources: tuple[str, ...]) -> str | None:
        for source in sources:
            found = _search(list_name, source)
            if found:
                where = (
                    "button" if source is submit else "heading" if source is heading else "id/class"
                )
                return f'its {where} "{found}"'
        return None

    def result(purpose: FormPurpose, reason: str) -> FormClassification:
        return FormClassification(purpose, reason)

    personal = topics & PERSONAL_TOPICS
    # Search: a search box, a role=search form, or one plain box and a "Search" button.
    if FieldTopic.PASSWORD not in topics and FieldTopic.EMAIL not in topics:
        if any(field.type == "search" for field in fields):
            return result(FormPurpose.SEARCH, 'a type="search" field')
        reason = named("forms_purpose_search", identity)
        if reason:
            return result(FormPurpose.SEARCH, reason)
        if fields and all(FieldTopic.SEARCH in field_topics(field) for field in fields):
            return result(FormPurpose.SEARCH, f'a field named "{fields[0].name}"')
        reason = named("forms_purpose_search", submit)
        if reason and count <= 2 and not personal:
            return result(FormPurpose.SEARCH, reason)
    passwords = [field for field in fields if field.type == "password"]
    if passwords:
        creates = (
            FieldTopic.NEW_PASSWORD in topics
            or len(passwords) >= 2
            or named("forms_purpose_signup", submit, identity)
        )
        if creates:
            if (
                page_kind is PageKind.CHECKOUT
                or topics & {FieldTopic.PAYMENT, FieldTopic.ADDRESS}
                or named("forms_purpose_checkout", submit)
            ):
                return result(FormPurpose.CHECKOUT, "an account is created with the order")
            return result(FormPurpose.SIGNUP, "it creates a password")
        reason = named("forms_purpose_login", submit, identity, heading)
        if reason or count <= 3:
            return result(FormPurpose.LOGIN, reason or "a password and at most 3 fields")
        if page_kind is PageKind.CHECKOUT or topics & {FieldTopic.PAYMENT, FieldTopic.ADDRESS}:
            return result(FormPurpose.CHECKOUT, "a password with address or payment fields")
        return result(FormPurpose.SIGNUP, "a password among many fields")
    reason = named("forms_purpose_login", submit, identity)
    if reason and count <= 2:
        return result(FormPurpose.LOGIN, reason)
    if FieldTopic.PAYMENT in topics:
        return result(FormPurpose.CHECKOUT, "payment fields")
    reason = named("forms_purpose_checkout", submit)
    if reason:
        return result(FormPurpose.CHECKOUT, reason)
    # Applications, bookings, donations, comments: purposes the limits do not fit.
    reason = named("forms_purpose_other", submit, identity)
    if reason:
        return result(FormPurpose.OTHER, reason)
    reason = named("forms_purpose_lead", submit, identity)
    newsletter = named("forms_purpose_newsletter", submit, identity, heading)
    if not reason and not newsletter:
        reason = named("forms_purpose_lead", heading)
    if reason:
        return result(FormPurpose.LEAD, reason)
    asks_to_write = topics & {FieldTopic.MESSAGE, FieldTopic.ADDRESS}
    # A newsletter named as such stays one even when it asks for a town; a
    # message box makes it a contact form that mentions the newsletter.
    if newsletter and FieldTopic.EMAIL in topics and FieldTopic.MESSAGE not in topics:
        return result(FormPurpose.NEWSLETTER, newsletter)
    if page_kind is PageKind.CHECKOUT and personal:
        return result(FormPurpose.CHECKOUT, "personal-data fields on a checkout page")
    contactable = topics & {FieldTopic.EMAIL, FieldTopic.PHONE, FieldTopic.NAME}
    if FieldTopic.MESSAGE in topics and contactable:
        return result(FormPurpose.CONTACT, "a message box and contact fields")
    reason = named("forms_purpose_contact", submit, identity)
    if reason and contactable:
        return result(FormPurpose.CONTACT, reason)
    reason = named("forms_purpose_signup", submit, identity, heading)
    if reason and FieldTopic.EMAIL in topics:
        if page_kind is not PageKind.SIGNUP and count <= 2 and not asks_to_write:
            return result(FormPurpose.NEWSLETTER, f"{reason} with only an email field")
        return result(FormPurpose.SIGNUP, reason)
    if page_kind is PageKind.CONTACT and contactable:
        return result(FormPurpose.CONTACT, "contact fields on the contact page")
    if page_kind is PageKind.SIGNUP and FieldTopic.EMAIL in topics:
        return result(FormPurpose.SIGNUP, "an email field on the signup page")
    if count == 1 and FieldTopic.EMAIL in topics:
        return result(FormPurpose.NEWSLETTER, "a lone email field")
    if page_kind is PageKind.CART and FieldTopic.ADDRESS in topics:
        return result(FormPurpose.CHECKOUT, "an address on the cart page")
    return result(FormPurpose.OTHER, "no purpose signal")


def form_purpose(form: Form, page_kind: PageKind) -> FormPurpose:
    """What the form is for: newsletter, contact, lead, signup, checkout, login, search or other."""
    return classify_form(form, page_kind).purpose


def consent_wording(label: str) -> str | None:
    """The words that make a checkbox label an optional-consent box, if they do.

    Consent is marketing, newsletters, offers, partner sharing or profiling
    (``forms_consent``); weaker wording ("send me", "updates") counts only when
    the label says nothing functional ("billing address same as delivery",
    "remember me", "order updates"). A negated offer ("Do not send me offers")
    is an opt-out box, not consent.
    """
    if not label:
        return None
    strong = affirmed(_matcher("forms_consent"), label)
    if strong:
        return strong.group(0)
    if _search("forms_functional_checkbox", (label,)):
        return None
    weak = affirmed(_matcher("forms_consent_weak"), label)
    return weak.group(0) if weak else None
