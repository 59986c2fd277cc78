"""The page classifier in French, Spanish and German: titles, headings, URLs and link texts."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from sitelint.classify import link_kind
from sitelint.classify.page_kind import classify
from sitelint.keywords import available_languages, lexicon
from sitelint.models import PageKind

BASE = "https://shop.example"
# Every kind a pages.toml names (home, product and other come from elsewhere).
NAMED_KINDS = sorted(
    kind.value for kind in PageKind if kind not in (PageKind.HOME, PageKind.PRODUCT, PageKind.OTHER)
)
PHRASE_LISTS = ("add_to_cart", "billing_period", "subscription_offer")


def _pages_toml(code: str) -> dict[str, object]:
    folder = resources.files("sitelint.data.lang").joinpath(code)
    return tomllib.loads(folder.joinpath("pages.toml").read_text("utf-8"))


@pytest.mark.parametrize("code", ["en", "de", "fr", "es"])
def test_every_language_names_every_page_kind(code: str) -> None:
    data = _pages_toml(code)
    kinds = data["page_kinds"]
    assert isinstance(kinds, dict)
    assert sorted(kinds) == NAMED_KINDS
    for name, entry in kinds.items():
        assert entry.get("url") and entry.get("text"), f"{code}: {name} needs url and text words"
    phrases = data["phrases"]
    assert isinstance(phrases, dict)
    for name in PHRASE_LISTS:
        assert phrases.get(name), f"{code}: phrase list {name} is empty"


def test_french_and_spanish_are_shipped() -> None:
    assert {"en", "de", "fr", "es"} <= set(available_languages())


FRENCH = [
    # (path, title, h1, expected)
    ("/contact/", "Contactez-nous | Maison Dupont", "", PageKind.CONTACT),
    ("/nous-contacter/", "", "", PageKind.CONTACT),
    ("/p/12", "Service client – Maison Dupont", "", PageKind.CONTACT),
    ("/qui-sommes-nous/", "", "", PageKind.ABOUT),
    ("/p/13", "Qui sommes-nous ? | Maison Dupont", "Qui sommes-nous ?", PageKind.ABOUT),
    ("/a-propos/", "A propos - Maison Dupont", "", PageKind.ABOUT),
    ("/page/7", "", "À propos de nous", PageKind.ABOUT),
    ("/tarifs/", "Nos tarifs | Maison Dupont", "", PageKind.PRICING),
    ("/politique-de-confidentialite/", "", "", PageKind.PRIVACY),
    ("/p/20", "Politique de confidentialité | Maison Dupont", "", PageKind.PRIVACY),
    ("/donnees-personnelles/", "", "Protection des données personnelles", PageKind.PRIVACY),
    ("/cgv/", "", "", PageKind.TERMS),
    ("/p/21", "Conditions générales de vente – Maison Dupont", "", PageKind.TERMS),
    ("/conditions-generales-d-utilisation/", "", "", PageKind.TERMS),
    ("/droit-de-retractation/", "", "", PageKind.RETURNS),
    ("/p/22", "Droit de rétractation | Maison Dupont", "Droit de rétractation", PageKind.RETURNS),
    ("/retours-et-remboursements/", "", "", PageKind.RETURNS),
    ("/mentions-legales/", "", "", PageKind.IMPRINT),
    ("/p/23", "Mentions légales | Maison Dupont", "Mentions légales", PageKind.IMPRINT),
    ("/politique-cookies/", "", "", PageKind.COOKIE_POLICY),
    ("/p/24", "Gestion des cookies", "", PageKind.COOKIE_POLICY),
    ("/panier/", "Mon panier | Maison Dupont", "", PageKind.CART),
    ("/commande/", "Paiement sécurisé", "", PageKind.CHECKOUT),
    ("/inscription/", "Créer un compte", "", PageKind.SIGNUP),
    ("/connexion/", "Se connecter | Maison Dupont", "", PageKind.LOGIN),
    ("/blog/", "Le blog de Maison Dupont", "Le blog", PageKind.BLOG),
    ("/actualites/", "", "", PageKind.BLOG),
]

SPANISH = [
    ("/contacto/", "Contacto | Tienda Pérez", "", PageKind.CONTACT),
    ("/p/1", "Contáctanos – Tienda Pérez", "", PageKind.CONTACT),
    ("/atencion-al-cliente/", "", "", PageKind.CONTACT),
    ("/quienes-somos/", "", "", PageKind.ABOUT),
    ("/p/2", "¿Quiénes somos? | Tienda Pérez", "¿Quiénes somos?", PageKind.ABOUT),
    ("/sobre-nosotros/", "", "Sobre nosotros", PageKind.ABOUT),
    ("/precios/", "Precios y planes", "", PageKind.PRICING),
    ("/politica-de-privacidad/", "", "", PageKind.PRIVACY),
    ("/p/3", "Política de privacidad | Tienda Pérez", "", PageKind.PRIVACY),
    ("/terminos-y-condiciones/", "", "", PageKind.TERMS),
    ("/p/4", "Condiciones generales de contratación", "", PageKind.TERMS),
    ("/devoluciones/", "Devoluciones | Tienda Pérez", "", PageKind.RETURNS),
    ("/p/5", "Cambios y devoluciones", "Cambios y devoluciones", PageKind.RETURNS),
    ("/derecho-de-desistimiento/", "", "", PageKind.RETURNS),
    ("/p/6", "Desistimiento | Tienda Pérez", "", PageKind.RETURNS),
    ("/aviso-legal/", "", "", PageKind.IMPRINT),
    ("/p/7", "Aviso legal | Tienda Pérez", "Aviso legal", PageKind.IMPRINT),
    ("/politica-de-cookies/", "", "", PageKind.COOKIE_POLICY),
    ("/carrito/", "Mi carrito", "", PageKind.CART),
    ("/cesta/", "", "", PageKind.CART),
    ("/finalizar-compra/", "Finalizar compra | Tienda Pérez", "", PageKind.CHECKOUT),
    ("/registro/", "Crear una cuenta", "", PageKind.SIGNUP),
    ("/iniciar-sesion/", "Iniciar sesión", "", PageKind.LOGIN),
    ("/mi-cuenta/", "Mi cuenta | Tienda Pérez", "", PageKind.LOGIN),
    ("/noticias/", "Noticias", "", PageKind.BLOG),
]

GERMAN = [
    ("/kontakt/", "Kontakt | Bergkäse & Co.", "Kontakt", PageKind.CONTACT),
    ("/p/1", "Kontakt & Anfahrt – Bergkäse & Co.", "", PageKind.CONTACT),
    ("/ueber-uns/", "Über uns | Bergkäse & Co.", "Über uns", PageKind.ABOUT),
    ("/%C3%BCber-uns/", "", "", PageKind.ABOUT),
    ("/preise/", "Preise", "", PageKind.PRICING),
    ("/datenschutz/", "Datenschutzerklärung | Bergkäse & Co.", "", PageKind.PRIVACY),
    ("/datenschutzerklaerung/", "", "", PageKind.PRIVACY),
    ("/agb/", "AGB | Bergkäse & Co.", "Allgemeine Geschäftsbedingungen", PageKind.TERMS),
    ("/allgemeine-geschaeftsbedingungen/", "", "", PageKind.TERMS),
    ("/widerrufsbelehrung/", "Widerrufsbelehrung", "Widerrufsbelehrung", PageKind.RETURNS),
    ("/widerrufsformular/", "", "", PageKind.RETURNS),
    ("/p/2", "Rückgabe und Umtausch | Bergkäse & Co.", "", PageKind.RETURNS),
    ("/impressum/", "Impressum | Bergkäse & Co.", "Impressum", PageKind.IMPRINT),
    ("/warenkorb/", "Warenkorb | Bergkäse & Co.", "Ihr Warenkorb", PageKind.CART),
    ("/kasse/", "Kasse | Bergkäse & Co.", "Kasse", PageKind.CHECKOUT),
    ("/konto-anlegen/", "Kundenkonto anlegen", "", PageKind.SIGNUP),
    ("/mein-konto/", "Mein Konto", "", PageKind.LOGIN),
    ("/ratgeber/", "Käse-Ratgeber", "Ratgeber", PageKind.BLOG),
]


@pytest.mark.parametrize(
    ("path", "title", "h1", "expected"),
    FRENCH + SPANISH + GERMAN,
    ids=[f"{case[0]}|{case[1]}" for case in FRENCH + SPANISH + GERMAN],
)
def test_page_kind_in_french_spanish_and_german(
    path: str, title: str, h1: str, expected: PageKind
) -> None:
    assert classify(BASE + path, title, h1) is expected


@pytest.mark.parametrize(
    ("text", "href", "expected"),
    [
        ("Mentions légales", "/x", PageKind.IMPRINT),
        ("Aviso legal", "/x", PageKind.IMPRINT),
        ("Impressum", "/x", PageKind.IMPRINT),
        ("CGV", "/x", PageKind.TERMS),
        ("Droit de rétractation", "/x", PageKind.RETURNS),
        ("Devoluciones", "/x", PageKind.RETURNS),
        ("Desistimiento", "/x", PageKind.RETURNS),
        ("Widerrufsbelehrung", "/x", PageKind.RETURNS),
        ("Politique de confidentialité", "/x", PageKind.PRIVACY),
        ("Datenschutz", "/x", PageKind.PRIVACY),
        ("Contacto", "/x", PageKind.CONTACT),
        ("Qui sommes-nous ?", "/x", PageKind.ABOUT),
        ("Read more", BASE + "/mentions-legales/", PageKind.IMPRINT),
        ("En savoir plus", BASE + "/aviso-legal/", PageKind.IMPRINT),
    ],
)
def test_link_kind_in_french_spanish_and_german(text: str, href: str, expected: PageKind) -> None:
    assert link_kind(text, href) is expected


@pytest.mark.parametrize(
    ("path", "title", "h1"),
    [
        # "Retour" is also "back": a "Retour à l'accueil" page is no returns policy.
        ("/retour/", "Retour", ""),
        # An enterprise plan is not the company's about page.
        ("/solutions/entreprise/", "Offre entreprise", ""),
        ("/soluciones/empresa/", "Para empresas", ""),
        # A blog post that mentions a kind does not become it.
        ("/blog/comment-nous-contacter-rapidement/", "Comment nous contacter rapidement", ""),
    ],
)
def test_look_alikes_stay_other(path: str, title: str, h1: str) -> None:
    assert classify(BASE + path, title, h1) not in (
        PageKind.RETURNS,
        PageKind.ABOUT,
        PageKind.CONTACT,
    )


def test_link_text_retour_is_not_returns() -> None:
    assert link_kind("Retour", "/x") is None


def test_multilingual_phrase_lists_match() -> None:
    vocab = lexicon()
    assert vocab.phrases("add_to_cart").search("Ajouter au panier")
    assert vocab.phrases("add_to_cart").search("Añadir al carrito")
    assert vocab.phrases("add_to_cart").search("In den Warenkorb")
    assert vocab.phrases("billing_period").search("29 € par mois")
    assert vocab.phrases("billing_period").search("19 €/mes")
    assert vocab.phrases("subscription_offer").search("Essai gratuit de 14 jours")
    assert vocab.phrases("subscription_offer").search("Prueba gratuita, sin permanencia")
