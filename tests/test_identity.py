"""Who runs a site: legal entity names, postal addresses, organization data, obfuscated emails."""

from __future__ import annotations

import pytest

from sitelint.gather.identity import legal_entity_names, postal_addresses
from sitelint.gather.obfuscation import obfuscated_emails
from sitelint.gather.page import Page
from sitelint.gather.structured import extract_structured_data, organization_names
from sitelint.gather.text import TextSegment


def _segments(*texts: str) -> list[TextSegment]:
    return [
        TextSegment(text, f"p:nth-of-type({n + 1})", "p", "main", None, False)
        for n, text in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("© 2026 Harbor & Pine Tea Company Ltd", "Harbor & Pine Tea Company Ltd"),
        ("Fernwood Supply Co. LLC, 2140 SE Division Street", "Fernwood Supply Co. LLC"),
        ("Anbieter: Musterfirma GmbH", "Musterfirma GmbH"),
        ("Muster Käserei GmbH & Co. KG", "Muster Käserei GmbH & Co. KG"),
        ("Acme, Inc. All rights reserved.", "Acme Inc."),
        ("Acme Widgets Limited is registered in England.", "Acme Widgets Limited"),
        ("Boulangerie Dupont SARL au capital de 10 000 €", "Boulangerie Dupont SARL"),
        ("Dupont SA, 12 rue de la Paix", "Dupont SA"),
        ("Industrias Pérez S.L. con CIF B12345678", "Industrias Pérez S.L."),
        ("Riverside Family Dental PLLC", "Riverside Family Dental PLLC"),
        ("Siemens AG", "Siemens AG"),
    ],
)
def test_legal_entity_names(text: str, name: str) -> None:
    assert [found.text for found in legal_entity_names(_segments(text))] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Limited edition prints, only 20 per run",
        "Our Limited Edition Collection",
        "limited time offer",
        "Bergkäse & Co.",
        "2140 SE Division Street",
        "Amtsgericht Kempten, AG München",
        "Gaming PC bundles",
    ],
)
def test_words_that_only_look_like_legal_forms(text: str) -> None:
    assert legal_entity_names(_segments(text)) == []


@pytest.mark.parametrize(
    "lines",
    [
        ("Musterstraße 12", "87435 Kempten (Allgäu)"),
        ("Hauptstr. 5a, 10115 Berlin",),
        ("Am Markt 3", "A-1010 Wien"),
        ("Postfach 12 34 56", "80333 München"),
        ("2140 SE Division Street, Portland, OR 97202",),
        ("Portland, OR 97202",),
        ("Harbor & Pine Tea Company Ltd", "14 Quay Street", "Bristol BS1 4DJ"),
        ("12 rue de la Paix, 75002 Paris",),
        ("Calle Mayor 5, 28013 Madrid",),
        ("C/ Gran Vía, 1", "28013 Madrid"),
        ("Avenida de la Constitución nº 12, 41001 Sevilla",),
    ],
)
def test_postal_addresses(lines: tuple[str, ...]) -> None:
    found = postal_addresses(_segments(*lines))
    assert len(found) == 1
    assert found[0].selector == "p:nth-of-type(1)" or len(lines) > 2


@pytest.mark.parametrize(
    "lines",
    [
        ("über 10000 Kunden",),
        ("Lieferung in 3 Tagen", "87435 Kempten"),
        ("Call us on 3 easy ways", "12345 happy customers"),
        ("We are on Alder Street, near the tram stop.",),
    ],
)
def test_text_that_is_no_address(lines: tuple[str, ...]) -> None:
    assert postal_addresses(_segments(*lines)) == []


def test_organization_names_cover_subtypes_and_nested_items() -> None:
    html = (
        '<html><body><div itemscope itemtype="https://schema.org/Dentist">'
        '<span itemprop="name">Smile Co</span></div>'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "WebSite",'
        ' "name": "Site", "publisher": {"@type": "Corporation", "name": "Pub Inc."}}</script>'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Bakery", "name": ["Brot & Co.", "Brot"]}]}</script></body></html>'
    )
    names = organization_names(extract_structured_data(html, "https://x.example/"))
    assert sorted(names) == ["Brot & Co.", "Pub Inc.", "Smile Co"]


def test_organization_without_a_name_does_not_count() -> None:
    items = [{"@type": "Organization", "url": "https://x.example/"}, {"@type": "Product"}]
    assert organization_names(items) == []


def _obfuscated(body: str) -> list[tuple[str, str]]:
    page = Page("https://x.example/", f'<html lang="en"><body>{body}</body></html>')
    return [(found.how, found.text) for found in obfuscated_emails(page.tree, page.text_segments)]


@pytest.mark.parametrize(
    ("body", "how"),
    [
        ("<p>Schreiben Sie uns: info [at] beispiel [punkt] de</p>", "spelled out"),
        ("<p>E-Mail: name(at)host.de</p>", "spelled out"),
        ("<p>info (at) beispiel (punkt) de</p>", "spelled out"),
        ("<p>john at example dot com</p>", "spelled out"),
        ("<p>write to sales @ acme . com</p>", "spelled out"),
        ("<p>contact [arobase] exemple [point] fr</p>", "spelled out"),
        ("<p>contacto [arroba] ejemplo [punto] es</p>", "spelled out"),
        ("<p>Email: <img src='/img/mail.png' alt=''></p>", "image"),
        ("<p><img src='/addr.png' alt='info@acme.example'></p>", "image"),
        ("<p>Kontakt: <img src='/img/e.png' alt='E-Mail-Adresse'></p>", "image"),
        ("<a href='/cdn-cgi/l/email-protection#a1b2'>[email&#160;protected]</a>", "script"),
        (
            "<script>var u='info', d='acme.example';"
            "document.write('<a href=\"mailto:'+u+'@'+d+'\">'+u+'@'+d+'</a>');</script>",
            "script",
        ),
    ],
)
def test_obfuscated_emails(body: str, how: str) -> None:
    found = _obfuscated(body)
    assert [entry[0] for entry in found] == [how]


@pytest.mark.parametrize(
    "body",
    [
        "<p>Find us at example.com</p>",
        "<p>Visit us at Main Street. Thanks.</p>",
        "<p>Follow us @acme</p>",
        "<p>Our meeting is at 10 dot 30</p>",
        "<p>He arrived at noon. Dot com bubble.</p>",
        "<p>Mail us at hello@example.com</p>",
        "<p><img src='/i/envelope.svg' width='16' alt='Email'> hello@example.com</p>",
        "<p><a href='/contact/'><img src='/i/mail.png' alt='Email address'></a></p>",
        "<script>function share(){window.location='mailto:?subject='+document.title}</script>",
        '<script type="application/ld+json">{"@context": "https://schema.org", "email": "a@b.c"}'
        "</script>",
    ],
)
def test_not_obfuscated(body: str) -> None:
    assert _obfuscated(body) == []
