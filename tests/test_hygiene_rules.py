"""SL603, SL604 and SL607 on hand-built inputs: what examples served by MockTransport cannot show."""

from __future__ import annotations

from datetime import date

from sitelint_rules import sl603_hsts_missing as sl603
from sitelint_rules import sl604_security_txt_missing as sl604
from sitelint_rules import sl607_copyright_stale as sl607

from sitelint.models import PageKind
from sitelint.rule import RuleContext
from sitelint.site_index import PageSummary, SiteIndex

SCAN = date(2026, 11, 1)


def context(rule: object, *, local: bool = False) -> RuleContext:
    return RuleContext(
        options=dict(rule.RULE.defaults),  # type: ignore[attr-defined]
        scan_date=SCAN,
        check_transport_on_local=local,
    )


def index_with(*pages: tuple[str, str | None]) -> SiteIndex:
    index = SiteIndex([pages[0][0]], scan_date=SCAN)
    for url, hsts in pages:
        index.add(
            PageSummary(
                url=url,
                final_url=url,
                status=200,
                kind=PageKind.OTHER,
                depth=0,
                content_type="text/html",
                strict_transport_security=hsts,
            )
        )
    return index


def test_hsts_max_age() -> None:
    assert sl603.max_age("max-age=31536000; includeSubDomains") == 31536000
    assert sl603.max_age('includeSubDomains; MAX-AGE="600"') == 600
    assert sl603.max_age("includeSubDomains") is None
    assert sl603.max_age(None) is None


def test_hsts_of_a_year_is_quiet() -> None:
    index = index_with(
        ("https://shop.example.com/", "max-age=63072000; includeSubDomains; preload"),
        ("https://shop.example.com/about/", "max-age=31536000"),
    )
    assert list(sl603.check(index, context(sl603))) == []


def test_hsts_missing_or_short_is_reported_per_origin() -> None:
    index = index_with(
        ("https://shop.example.com/", "max-age=31536000"),
        ("https://shop.example.com/a/", "max-age=86400"),
        ("https://shop.example.com/b/", "max-age=86400"),
        ("http://shop.example.com/old/", None),
    )
    hits = list(sl603.check(index, context(sl603)))
    assert len(hits) == 1
    assert hits[0].message.startswith("2 of 3 https pages on https://shop.example.com")
    assert '"Strict-Transport-Security: max-age=86400"' in hits[0].evidence


def test_hsts_local_hosts_only_on_request() -> None:
    index = index_with(("https://127.0.0.1:8443/", None))
    assert list(sl603.check(index, context(sl603))) == []
    assert len(list(sl603.check(index, context(sl603, local=True)))) == 1


def test_security_txt_problems() -> None:
    valid = "Contact: mailto:security@example.com\nExpires: 2027-10-31T23:59:00Z\n"
    assert sl604.problem(200, valid, SCAN) is None
    signed = (
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
        + valid
        + "-----BEGIN PGP SIGNATURE-----\niQIzBAEBCAAd\n-----END PGP SIGNATURE-----\n"
    )
    assert sl604.problem(200, signed, SCAN) is None
    assert sl604.problem(None, "", SCAN) is None
    assert "404" in (sl604.problem(404, "", SCAN) or "")
    assert "no plain-text" in (sl604.problem(200, "", SCAN) or "")
    assert "Contact" in (sl604.problem(200, "Expires: 2027-01-01T00:00:00Z", SCAN) or "")
    assert "Expires" in (sl604.problem(200, "Contact: mailto:a@b.c", SCAN) or "")
    expired = "Contact: mailto:a@b.c\nExpires: 2026-10-31T23:59:00Z"
    assert "expired on 2026-10-31" in (sl604.problem(200, expired, SCAN) or "")
    unreadable = "Contact: mailto:a@b.c\nExpires: next year"
    assert "unreadable" in (sl604.problem(200, unreadable, SCAN) or "")


def test_security_txt_reported_per_origin_and_quiet_on_local() -> None:
    index = SiteIndex(["https://www.example.com/"], scan_date=SCAN)
    index.security_txt = {"https://www.example.com": (404, ""), "http://127.0.0.1:8000": (404, "")}
    hits = list(sl604.check(index, context(sl604)))
    assert [hit.message for hit in hits] == ["https://www.example.com has no valid security.txt."]
    assert len(list(sl604.check(index, context(sl604, local=True)))) == 2


def test_copyright_year() -> None:
    assert sl607.copyright_year("© 2023 Fernwood Supply Co.", 2027) == 2023
    assert sl607.copyright_year("Copyright © 2019–2026 Acme Inc.", 2027) == 2026
    assert sl607.copyright_year("(c) 2018-21 Acme", 2027) == 2021
    assert sl607.copyright_year("©2024 Acme", 2027) == 2024
    assert sl607.copyright_year("Founded 2009. All rights reserved.", 2027) is None
    assert sl607.copyright_year("© Acme Ltd · Tel 0117 2019 555", 2027) is None
    assert sl607.copyright_year("© Acme Ltd, tel. 0117 2019 555", 2027) is None
    assert sl607.copyright_year("© Acme Supply Co 2023 | Imprint", 2027) == 2023
    assert sl607.copyright_year("© 3024 Acme", 2027) is None
