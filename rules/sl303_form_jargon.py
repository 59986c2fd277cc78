"""A form's labels and help text use jargon or internal field codes.

## What it checks
Every form except login and search forms, on its field labels, placeholders
and help text (not its buttons or the page around it):
- 2 or more distinct terms from the jargon list (`forms_jargon` and, in
  capitals only, `forms_jargon_acronyms` in sitelint/data/lang/<code>/forms.toml:
  "pursuant", "hereinafter", "remittance", "originator", "beneficiary
  designation", KYC, AML, TIN, DUNS, "per the aforementioned", ...); an
  acronym explained in brackets right after its expansion
  ("Taxpayer identification number (TIN)") does not count;
- or a label that is an unexpanded internal field code (`CUST_REF_ID`,
  `acct_no`): a single token joined by underscores;
- or, with 30 or more words of help text, a Flesch reading ease (or the
  language's own formula, see SL801) below 30.

## Why it matters
People abandon forms they do not understand, or fill them in wrongly. Legal
and back-office vocabulary tells a customer the form was written for the
company's systems, not for them.

## How to fix
Write labels in the words a customer uses ("Who is sending the money?"
rather than "Remittance originator"), expand or drop acronyms, replace field
codes with plain labels, and keep help text to short sentences.

## References
- Nielsen Norman Group, "Website Forms Usability: Top 10 Recommendations"
- GOV.UK Service Manual, "Writing for user interfaces" and "Question pages"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from sitelint.classify.forms import FormPurpose, classify_form
from sitelint.gather.forms import Form
from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.models import Category, Scope, Severity
from sitelint.readability import language_of, prose, reading_ease, word_count
from sitelint.rule import Hit, PageExample, Rule, RuleContext

EXEMPT = frozenset({FormPurpose.LOGIN, FormPurpose.SEARCH})
FIELD_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$")


@cache
def _acronyms() -> re.Pattern[str]:
    acronyms = sorted(set(lexicon().phrase_lists.get("forms_jargon_acronyms", ())), key=len)
    alternatives = "|".join(re.escape(a) for a in reversed(acronyms)) or r"(?!x)x"
    # Capitals only: "tin" (a tea tin) and "aml" are words, "TIN" and "AML" are jargon.
    return re.compile(rf"(?<![\w(])(?:{alternatives})(?![\w-])")


def jargon_terms(texts: list[str]) -> list[str]:
    """Distinct jargon terms in the texts, as written, in order of appearance."""
    phrases = lexicon().phrases("forms_jargon")
    found: dict[str, str] = {}
    for text in texts:
        for match in phrases.finditer(text):
            found.setdefault(match.group(0).casefold(), match.group(0))
        for match in _acronyms().finditer(text):
            found.setdefault(match.group(0).casefold(), match.group(0))
    return list(found.values())


def _form_texts(form: Form) -> list[str]:
    texts = [field.label for field in form.fillable_fields if field.label]
    texts += [field.placeholder for field in form.fillable_fields if field.placeholder]
    return texts + list(form.help_texts)


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    min_terms = int(context.options["min_terms"])
    min_help_words = int(context.options["min_help_words"])
    min_reading_ease = float(context.options["min_reading_ease"])
    for form in page.forms:
        if not form.fillable_fields:
            continue
        purpose = classify_form(form, page.kind).purpose
        if purpose in EXEMPT:
            continue
        reasons: list[str] = []
        terms = jargon_terms(_form_texts(form))
        if len(terms) >= min_terms:
            reasons.append("jargon: " + ", ".join(f'"{term}"' for term in terms))
        codes = [
            field.label for field in form.fillable_fields if FIELD_CODE.match(field.label or "")
        ]
        if codes:
            reasons.append("field codes as labels: " + ", ".join(f'"{code}"' for code in codes))
        help_text = prose(form.help_texts)
        if word_count(help_text) >= min_help_words:
            language = language_of(page.lang, help_text)
            score = reading_ease(help_text, language) if language else None
            if score is not None and score.score < min_reading_ease:
                reasons.append(
                    f"help text scores {score.score:.1f} on {score.formula} "
                    f'({score.words} words): "{help_text[:160]}"'
                )
        if reasons:
            yield Hit(
                f"This {purpose.value} form's labels and help text use jargon a customer "
                "may not understand.",
                evidence="; ".join(reasons),
                selector=form.selector,
            )


RULE = Rule(
    id="SL303",
    name="form-jargon",
    category=Category.FORMS,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    defaults={"min_terms": 2, "min_help_words": 30, "min_reading_ease": 30},
    bad=(
        PageExample(
            """<form action="/transfer" method="post">
              <label for="o">Remittance originator</label><input id="o" name="orig">
              <label for="b">Beneficiary designation</label><input id="b" name="bene">
              <button>Continue</button>
            </form>""",
            note="three jargon terms",
        ),
        PageExample(
            """<form action="/enquiry" method="post">
              <label for="n">Name</label><input id="n" name="name">
              <label for="r">CUST_REF_ID</label><input id="r" name="ref">
              <label for="m">Message</label><textarea id="m" name="message"></textarea>
              <button>Send</button>
            </form>""",
            note="an internal field code as a label",
        ),
    ),
    good=(
        PageExample(
            """<form action="/transfer" method="post">
              <label for="o">Who is sending the money?</label><input id="o" name="sender">
              <label for="t">Taxpayer identification number (TIN)</label>
              <input id="t" name="tin">
              <p>We need this number because the law asks us to report interest we pay you.</p>
              <button>Continue</button>
            </form>""",
            note="an acronym explained in place is not jargon",
        ),
        PageExample(
            """<form class="tea" action="/cart" method="post">
              <label for="s">Tin size</label>
              <select id="s" name="size"><option>100 g</option></select>
              <label for="e">Email for delivery updates</label><input id="e" name="email">
              <button>Order</button>
            </form>""",
            note="a tea tin, in lower case",
        ),
        PageExample(
            """<form action="/login" method="post">
              <label>USER_ID <input name="user"></label>
              <label>Password <input type="password" name="pw"></label>
              <button>Sign in</button>
            </form>""",
            note="login forms are never flagged",
        ),
    ),
)
