"""The contact, identity, returns and about rules (SL103-SL107, SL502-SL504, SL803)
beyond their examples: other languages, look-alikes, and the two fixture sites
written for them (fixtures/german-shop, fixtures/dental-clinic)."""

from __future__ import annotations

from datetime import date

import pytest

from sitelint.api import check_html, check_site
from sitelint.models import PageKind
from sitelint.registry import load_registry
from sitelint.rule import SiteExample
from sitelint.testing import run_example

REGISTRY = load_registry()
MY_RULES = ("SL103", "SL104", "SL105", "SL106", "SL107", "SL502", "SL503", "SL504", "SL803")


def _page(rule: str, body: str, url: str, lang: str = "en") -> list[str]:
    html = f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body>{body}</body></html>'
    return [f.message for f in check_html(html, url, select=[rule], registry=REGISTRY)]


def _site(rule: str, pages: dict[str, str]) -> list[str]:
    rule_object = REGISTRY.get(rule)
    assert rule_object is not None
    return [f.message for f in run_example(rule_object, SiteExample(pages), REGISTRY)]


RETURNS_FR = "https://boutique.example/retours/"
RETURNS_ES = "https://tienda.example/devoluciones/"


@pytest.mark.parametrize(
    ("url", "lang", "text", "restriction"),
    [
        (
            RETURNS_FR,
            "fr",
            "Le remboursement se fait uniquement sous forme d'avoir.",
            "store credit",
        ),
        (RETURNS_FR, "fr", "Des frais de restockage de 15 % s'appliquent.", "restocking fee"),
        (RETURNS_FR, "fr", "Toutes les ventes sont définitives.", "all sales are final"),
        (RETURNS_FR, "fr", "Vous disposez de 7 jours pour retourner votre article.", "under 14"),
        (RETURNS_ES, "es", "No se aceptan devoluciones.", "no refunds"),
        (RETURNS_ES, "es", "Dispone de 10 días para devolver el producto.", "under 14"),
        (RETURNS_ES, "es", "Se aplica una tasa de reposición del 10 %.", "restocking fee"),
        (
            RETURNS_ES,
            "es",
            "Para devolver un artículo debe llamar por teléfono y pedir un número de autorización.",
            "phone call",
        ),
        (
            "https://shop.example/rueckgabe/",
            "de",
            "Rücksendungen bitte vorher telefonisch anmelden, sonst können wir sie nicht annehmen.",
            "phone call",
        ),
    ],
)
def test_sl503_other_languages(url: str, lang: str, text: str, restriction: str) -> None:
    messages = _page("SL503", f"<h1>Returns</h1><p>{text}</p>", url, lang)
    assert len(messages) == 1 and restriction in messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "Original shipping costs are non-refundable, and there are no refunds on shipping.",
        "No returns after 30 days.",
        "For hygiene reasons there are no returns on earrings.",
        "Sale items: final sale.",
        "We do not charge restocking fees.",
        "You can start a return online or call us for an RMA number.",
        "You don't need to call us for a return authorization.",
        "Les frais de retour sont offerts, aucun frais de restockage.",
        "No cobramos ninguna tasa de reposición.",
        "Sie haben 30 Tage Rückgaberecht.",
    ],
)
def test_sl503_look_alikes(text: str) -> None:
    assert _page("SL503", f"<h1>Returns</h1><p>{text}</p>", "https://shop.example/returns/") == []


def test_sl503_reads_only_returns_pages() -> None:
    assert _page("SL503", "<h1>FAQ</h1><p>All sales are final.</p>", "https://x.example/faq/") == []


_PLANS = {
    "/": '<a href="/tarifs/">Tarifs</a> <a href="/cgv/">CGV</a>',
    "/tarifs/": '<html lang="fr"><body><h1>Tarifs</h1><p>Essentiel : 9,90 € par mois</p>'
    "</body></html>",
}


def test_sl504_french_registered_letter() -> None:
    pages = {
        **_PLANS,
        "/cgv/": '<html lang="fr"><body><h1>CGV</h1><p>La résiliation doit être adressée par '
        "lettre recommandée avec accusé de réception.</p></body></html>",
    }
    assert _site("SL504", pages)


def test_sl504_quiet_when_another_page_offers_an_online_route() -> None:
    pages = {
        **_PLANS,
        "/cgv/": '<html lang="fr"><body><h1>CGV</h1><p>La résiliation est possible par '
        "lettre recommandée.</p><p>Vous pouvez aussi résilier en ligne depuis votre espace "
        "client.</p></body></html>",
    }
    assert _site("SL504", pages) == []


def test_sl504_spanish_phone_only() -> None:
    pages = {
        "/": '<a href="/precios/">Precios</a> <a href="/ayuda/">Ayuda</a>',
        "/precios/": '<html lang="es"><body><h1>Precios</h1><p>Básico: 12 € al mes</p>'
        "</body></html>",
        "/ayuda/": '<html lang="es"><body><h1>Ayuda</h1><p>Para darse de baja, llame a nuestro '
        "servicio de atención al cliente.</p></body></html>",
    }
    assert _site("SL504", pages)


def test_sl105_kontakt_und_impressum_on_one_page_counts() -> None:
    pages = {
        "/": '<html lang="de"><body><h1>Willkommen</h1><footer><a href="/kontakt/">Kontakt</a> '
        '<a href="/kontakt/#impressum">Impressum</a></footer></body></html>',
        "/kontakt/": '<html lang="de"><head><title>Kontakt</title></head><body><h1>Kontakt</h1>'
        '<p>info@beispiel.de</p><h2 id="impressum">Impressum</h2><p>Musterfirma GmbH</p>'
        "</body></html>",
    }
    assert _site("SL105", pages) == []


def test_sl105_english_site_needs_no_impressum() -> None:
    pages = {"/": "<h1>Acme</h1><footer>© 2026 Acme Widgets Ltd</footer>"}
    assert _site("SL105", pages) == []


def test_sl106_only_when_no_plain_address_is_visible() -> None:
    url = "https://x.example/contact/"
    assert _page("SL106", "<p>info [at] example [dot] com</p>", url)
    hidden_plain = "<p>info [at] example [dot] com</p><p hidden>info@example.com</p>"
    assert _page("SL106", hidden_plain, url), "a hidden plain address does not help a reader"
    assert _page("SL106", "<p>info [at] example [dot] com or info@example.com</p>", url) == []


def test_sl103_one_finding_per_hidden_value() -> None:
    body = (
        '<div style="display:none"><p>Email <a href="mailto:a@example.com">a@example.com</a></p>'
        "</div>"
    )
    assert len(_page("SL103", body, "https://x.example/contact/")) == 1


def test_sl803_an_about_link_to_a_home_page_section_counts() -> None:
    pages = {"/": '<nav><a href="/#about">About us</a></nav><h1>Acme</h1><h2 id="about">About</h2>'}
    assert _site("SL803", pages) == []


# --- The fixture sites written for these rules -----------------------------------

SCAN_DATE = date(2026, 11, 1)
GERMAN_SHOP_KINDS = {
    "/": PageKind.HOME,
    "/produkte/": PageKind.PRODUCT,
    "/produkte/allgaeuer-bergkaese/": PageKind.PRODUCT,
    "/produkte/heumilch-emmentaler/": PageKind.PRODUCT,
    "/produkte/kaesefondue-set/": PageKind.PRODUCT,
    "/warenkorb/": PageKind.CART,
    "/kasse/": PageKind.CHECKOUT,
    "/ueber-uns/": PageKind.ABOUT,
    "/kontakt/": PageKind.CONTACT,
    "/impressum/": PageKind.IMPRINT,
    "/datenschutz/": PageKind.PRIVACY,
    "/agb/": PageKind.TERMS,
    "/widerrufsbelehrung/": PageKind.RETURNS,
    "/versand-und-zahlung/": PageKind.OTHER,
}


@pytest.mark.slow
def test_german_shop_is_classified_and_gets_only_its_planted_findings(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("german-shop")
    result = check_site(server.url("/"), scan_date=SCAN_DATE, timeout=10)
    kinds = {s.url.removeprefix(server.base): s.kind for s in result.index.html_pages()}
    assert kinds == GERMAN_SHOP_KINDS
    assert result.site_kind.shop and not result.site_kind.subscription
    mine = sorted(
        (f.rule, f.url.removeprefix(server.base)) for f in result.findings if f.rule in MY_RULES
    )
    assert mine == [("SL106", "/ueber-uns/"), ("SL502", "/")]
    sl502 = next(f for f in result.findings if f.rule == "SL502")
    assert "/kasse/" in sl502.evidence and "/widerrufsbelehrung/" in sl502.evidence


@pytest.mark.slow
def test_dental_clinic_gets_no_pricing_or_returns_findings(serve) -> None:  # type: ignore[no-untyped-def]
    server = serve("dental-clinic")
    result = check_site(server.url("/"), scan_date=SCAN_DATE, timeout=10)
    assert not result.site_kind.shop and not result.site_kind.subscription
    assert [f.rule for f in result.findings if f.rule.startswith(("SL2", "SL5"))] == []
    assert [f.rule for f in result.findings if f.rule in MY_RULES] == ["SL104"]
