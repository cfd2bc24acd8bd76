"""The interface in English, French and Spanish: each catalogue is complete and compiled, a browser that asks for
French or Spanish gets pages in that language, the reference data (factors, regions) reads in it, anyone (logged in or
not) can switch language from the navigation bar, and English stays the default. How to update the catalogues:
README.md, "Languages"."""

import datetime
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acip.lib import untranslated
from acip.models import IntegrityFactor, Region
from acip.reference import FACTOR_DESCRIPTIONS, FACTOR_NAMES, REGION_NAMES
from partners.models import Contact
from tests.acip.personas import make_staff
from tests.acip.test_junk_forms import junk
from tests.partners.factories import (
    AssessmentFactory,
    AssessmentScoreFactory,
    PartnerFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

BASE_DIR = Path(django_settings.BASE_DIR)
#: Each translated language and the plural rule its catalogue must declare.
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "es": "nplurals=2; plural=(n != 1);"}


def catalogue_path(language: str) -> Path:
    return BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"


#: What a translation must keep from its English: %(name)s, %s, %d and {name} placeholders.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
HTML_TAG = re.compile(r"<[^>]+>")
SOURCES = ["acip", "partners", "meetings", "templates"]


@pytest.fixture(scope="module", params=sorted(PLURAL_FORMS))
def catalogue(request):
    return polib.pofile(str(catalogue_path(request.param)))


def messages(entries) -> dict:
    """(context, msgid, plural) -> translation(s), for every real message (not the header, nothing fuzzy)."""
    found = {}
    for entry in entries:
        if not entry.msgid or entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            found[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = tuple(
                entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)
            )
        else:
            found[(entry.msgctxt, entry.msgid, None)] = entry.msgstr
    return found


def pairs(entry):
    """(English, French) for each form of an entry: for French, form 0 is n = 0 or 1 and form 1 the rest."""
    if entry.msgid_plural:
        return [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
    return [(entry.msgid, entry.msgstr)]


# The catalogue


def test_every_offered_language_but_english_has_a_compiled_catalogue():
    assert django_settings.LANGUAGE_CODE == "en"
    for code, _name in django_settings.LANGUAGES:
        if code != "en":
            assert (BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.mo").is_file(), code


def test_english_french_and_spanish_are_offered():
    assert [code for code, _name in django_settings.LANGUAGES] == ["en", "fr", "es"]
    assert set(PLURAL_FORMS) == {code for code, _name in django_settings.LANGUAGES} - {"en"}


def test_a_contact_can_still_be_recorded_as_speaking_spanish():
    # The languages a contact speaks are not the languages of the interface.
    assert "es" in dict(Contact._meta.get_field("language").choices)


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    assert not catalogue.metadata_is_fuzzy
    language = catalogue.metadata["Language"]
    assert catalogue.fpath == str(catalogue_path(language))
    assert catalogue.metadata["Plural-Forms"] == PLURAL_FORMS[language]
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []
    for entry in catalogue:
        assert all(french.strip() for _english, french in pairs(entry)), entry.msgid


def test_translations_keep_the_placeholders_and_markup_of_their_english(catalogue):
    wrong = []
    for entry in catalogue:
        for english, french in pairs(entry):
            for pattern in (PLACEHOLDER, HTML_TAG):
                if Counter(pattern.findall(english)) != Counter(pattern.findall(french)):
                    wrong.append(f"{english!r} -> {french!r}")
    assert not wrong, "\n".join(wrong)


def test_the_committed_mo_file_is_compiled_from_the_po_file(catalogue):
    assert messages(polib.mofile(str(Path(catalogue.fpath).with_suffix(".mo")))) == messages(catalogue)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("language", sorted(PLURAL_FORMS))
def test_git_does_not_ignore_the_compiled_catalogue(language):
    # `make run` has no gettext to compile it: the .mo must be in the repository.
    compiled = str(catalogue_path(language).with_suffix(".mo"))
    result = subprocess.run(["git", "check-ignore", "-q", compiled], cwd=BASE_DIR, capture_output=True)
    assert result.returncode == 1, ".gitignore ignores the compiled catalogue"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext: apt-get install gettext")
def test_the_catalogue_has_every_string_of_the_code_and_no_other(tmp_path, settings, monkeypatch, catalogue):
    """What `make messages` would gather from a copy of the code, compared with the committed catalogue."""
    for name in SOURCES:
        shutil.copytree(BASE_DIR / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    language = catalogue.metadata["Language"]
    call_command("makemessages", locale=[language], add_location="file", no_obsolete=True, verbosity=0)

    gathered = polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
    key = "{0.msgctxt}|{0.msgid}|{0.msgid_plural}".format
    wanted, have = {key(e) for e in gathered if e.msgid}, {key(e) for e in catalogue if e.msgid}
    assert not wanted - have, (
        f"Strings missing from the {language} catalogue (run `make messages`, then translate them)"
    )
    assert not have - wanted, "Strings no longer in the code (run `make messages`)"


# Pages in French


def page(client, name, *args, language=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(reverse(name, args=args), **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


def test_without_accept_language_the_site_is_in_english(client):
    html = page(client, "login")
    assert '<html lang="en">' in html
    assert "Log in to ACIP Tracker" in html
    assert "Connexion" not in html


@pytest.mark.parametrize("accepted", ["fr", "fr-FR,fr;q=0.9,en;q=0.8", "fr-CA"])
def test_the_login_page_is_in_french_for_a_french_browser(client, accepted):
    html = page(client, "login", language=accepted)
    assert '<html lang="fr">' in html
    assert "Connexion à ACIP Tracker" in html
    assert "Mot de passe oublié" in html
    assert "Nom d’utilisateur" in html  # Django's own catalogue, for the form
    assert "Log in to ACIP Tracker" not in html
    assert "Forgotten your password?" not in html


@pytest.mark.parametrize("accepted", ["es", "es-MX,es;q=0.9,en;q=0.8", "es-419"])
def test_the_login_page_is_in_spanish_for_a_spanish_browser(client, accepted):
    html = page(client, "login", language=accepted)
    assert '<html lang="es">' in html
    assert "Iniciar sesión en ACIP Tracker" in html
    assert "¿Ha olvidado su contraseña?" in html  # formal register: usted
    assert "Nombre de usuario" in html  # Django's own catalogue, for the form
    assert "Log in to ACIP Tracker" not in html


def test_a_german_browser_gets_english(client):
    html = page(client, "login", language="de")
    assert '<html lang="en">' in html
    assert "Log in to ACIP Tracker" in html


def test_the_dashboard_is_in_french(staff_client):
    html = page(staff_client, "dashboard:home", language="fr")
    assert "Tableau de bord du programme" in html
    assert "Situation en un coup d’œil" in html
    assert "Se déconnecter" in html
    assert "Programme dashboard" not in html
    assert "Health at a glance" not in html


def test_the_dashboard_is_in_spanish(staff_client):
    html = page(staff_client, "dashboard:home", language="es")
    assert "Panel del programa" in html
    assert "Socios por región de la OMA" in html
    assert "Cerrar sesión" in html
    assert "Programme dashboard" not in html


def test_the_partner_list_is_in_french(staff_client):
    PartnerFactory.create_batch(2)
    html = page(staff_client, "partners:list", language="fr")
    assert "Administrations partenaires" in html
    assert "Filtrer les administrations partenaires" in html
    assert "Toutes les régions" in html
    assert "Filter the partner administrations" not in html


def test_a_country_page_is_in_french(staff_client):
    partner = PartnerFactory()
    html = page(staff_client, "partners:detail", partner.slug, language="fr")
    assert "Parcours dans le programme" in html
    assert "Plan pays" in html
    assert "Profil par facteur" in html
    assert "Programme journey" not in html
    assert "Country plan" not in html


def test_dates_are_written_as_each_language_writes_them(staff_client):
    status = StatusChangeFactory(effective_on=datetime.date(2025, 7, 3))
    status.effective_on = datetime.date(2025, 6, 3)
    status._change_reason = "Moved"
    status.save()

    english = page(staff_client, "partners:detail", status.partner.slug)
    french = page(staff_client, "partners:detail", status.partner.slug, language="fr")

    assert "3 Jun 2025" in english
    assert "Effective on: 3 Jul 2025 → 3 Jun 2025" in english
    assert "3 juin 2025" in french
    assert "3 juil. 2025 → 3 juin 2025" in french
    assert "Jui 2025" not in french
    spanish = page(staff_client, "partners:detail", status.partner.slug, language="es")
    assert "3 de junio de 2025" in spanish
    assert "3 de julio de 2025 → 3 de junio de 2025" in spanish


# Choosing the language


def language_form(html: str) -> str:
    match = re.search(r'<form method="post" action="/i18n/setlang/".*?</form>', html, re.S)
    assert match, "no language form on the page"
    return match.group(0)


def test_the_login_page_offers_french_in_a_form_that_comes_back_to_it(client):
    form = language_form(page(client, "login"))
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'name="next" value="{reverse("login")}"' in form
    assert 'role="group" aria-label="Language"' in form
    assert 'name="language" value="fr" lang="fr"' in form
    assert ">Français</button>" in form
    assert "English" not in form  # the page is in English already


def test_a_french_page_offers_english(staff_client):
    form = language_form(page(staff_client, "dashboard:home", language="fr"))
    assert 'role="group" aria-label="Langue"' in form
    assert 'name="language" value="en" lang="en"' in form
    assert ">English</button>" in form
    assert "Français" not in form


def test_an_anonymous_visitor_switches_to_french_and_back(client):
    login = reverse("login")

    response = client.post(reverse("set_language"), {"language": "fr", "next": login})

    assert response.status_code == 302
    assert response["Location"] == login
    cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr"
    assert cookie["httponly"]
    assert "Connexion à ACIP Tracker" in page(client, "login")

    client.post(reverse("set_language"), {"language": "en", "next": login})
    assert "Log in to ACIP Tracker" in page(client, "login")


def test_the_chosen_language_wins_over_the_browser(staff_client):
    staff_client.post(reverse("set_language"), {"language": "fr", "next": reverse("dashboard:home")})
    assert "Tableau de bord du programme" in page(staff_client, "dashboard:home", language="en")


def test_the_language_switch_never_sends_anyone_to_another_site(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "https://elsewhere.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_login_page_offers_spanish_named_in_spanish(client):
    form = language_form(page(client, "login"))
    assert 'name="language" value="es" lang="es"' in form
    assert ">Español</button>" in form


def test_an_anonymous_visitor_switches_to_spanish(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": reverse("login")})
    assert response.status_code == 302
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "es"
    html = page(client, "login")
    assert '<html lang="es">' in html
    assert "Iniciar sesión en ACIP Tracker" in html
    form = language_form(html)
    assert ">English</button>" in form and ">Français</button>" in form and "Español" not in form


def test_a_language_that_is_not_offered_leaves_the_site_in_english(client):
    # Django keeps "de" in the cookie (it has German catalogues of its own), but only LANGUAGES are ever served.
    response = client.post(reverse("set_language"), {"language": "de", "next": reverse("login")})
    assert response.status_code == 302
    html = page(client, "login")
    assert '<html lang="en">' in html
    assert "Log in to ACIP Tracker" in html


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(language=junk, next_url=st.one_of(junk, st.sampled_from(["//elsewhere.example", "javascript:alert(1)"])))
def test_junk_posted_to_the_language_switch_is_answered_with_a_redirect_on_this_site(client, language, next_url):
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302
    location = response["Location"]
    parts = urlsplit(location)
    assert not parts.scheme and not parts.netloc and not location.startswith(("//", "/\\")), location


# Reference data: stored in English as entered, read in the user's language


FACTOR_1 = {"en": "Leadership and Commitment", "fr": "Leadership et engagement", "es": "Liderazgo y compromiso"}
AMERICAS = {"en": "Americas and Caribbean", "fr": "Amériques et Caraïbes", "es": "Américas y el Caribe"}


def test_factors_and_regions_stay_in_english_and_read_in_each_language():
    factor, region = IntegrityFactor.objects.get(number=1), Region.objects.get(code="AMC")
    assert (factor.name, region.name) == (FACTOR_1["en"], AMERICAS["en"])
    for language in ["en", "fr", "es"]:
        with translation.override(language):
            assert factor.label == FACTOR_1[language]
            assert str(factor) == f"1. {FACTOR_1[language]}"
            assert region.label == str(region) == AMERICAS[language]
    with translation.override("es"):
        assert IntegrityFactor.objects.get(number=8).label == "Gestión de recursos humanos"
        assert factor.description_label.startswith("El director general")


def test_every_stored_factor_and_region_has_its_translations():
    # A name the catalogue does not know would show in English: the migration's rows and acip/reference.py agree.
    assert list(IntegrityFactor.objects.values_list("name", flat=True)) == FACTOR_NAMES
    assert sorted(Region.objects.values_list("name", flat=True)) == sorted(REGION_NAMES)
    assert sorted(FACTOR_DESCRIPTIONS) == list(range(1, 11))
    for language in PLURAL_FORMS:
        translated = messages(polib.pofile(str(catalogue_path(language))))
        for text in [*FACTOR_NAMES, *REGION_NAMES, *FACTOR_DESCRIPTIONS.values()]:
            assert translated.get((None, text, None)), (language, text)


@pytest.fixture
def scored_partner():
    partner = PartnerFactory(country_name="Ruritania", region=Region.objects.get(code="AMC"))
    StatusChangeFactory(partner=partner, stage="implementation", health="at_risk")
    assessment = AssessmentFactory(partner=partner)
    for factor in IntegrityFactor.objects.all():
        AssessmentScoreFactory(assessment=assessment, factor=factor)
    return partner


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_dashboard_names_the_factors_in_the_users_language(staff_client, scored_partner, language):
    html = page(staff_client, "dashboard:home", language=language)
    assert f"<strong>{FACTOR_1[language]}</strong>" in html
    assert FACTOR_1["en"] not in html


def export_text(client, name, language):
    response = client.get(reverse(name, kwargs={"fmt": "csv"}), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def test_the_heatmap_export_names_the_factors_in_spanish(staff_client, scored_partner):
    text = export_text(staff_client, "exports:heatmap", "es")
    assert "1. Liderazgo y compromiso" in text
    assert "10. Relación con el sector privado" in text
    assert FACTOR_1["en"] not in text


def test_the_partner_export_gives_region_stage_and_health_in_spanish(staff_client, scored_partner):
    text = export_text(staff_client, "exports:partners", "es")
    assert "Región" in text.splitlines()[0]
    assert AMERICAS["es"] in text
    assert "Ejecución" in text and "En riesgo" in text
    assert AMERICAS["en"] not in text and "Implementation" not in text


# The integrator's tool: what is left to translate after a merge, and writing it back


def test_the_untranslated_tool_lists_exports_and_applies_pending_entries(tmp_path, monkeypatch, capsys):
    po = polib.POFile()
    po.metadata = {"Language": "es", "Plural-Forms": PLURAL_FORMS["es"], "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Done", msgstr="Realizado"))
    po.append(polib.POEntry(msgid="New %(name)s", msgstr=""))
    po.append(polib.POEntry(msgid="Moved", msgstr="Movido", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="%(n)s day", msgid_plural="%(n)s days", msgstr_plural={0: "%(n)s día", 1: ""}))
    path = tmp_path / "es" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    monkeypatch.setattr(untranslated, "LOCALE_DIR", tmp_path)

    assert untranslated.main(["es"]) == 1
    assert "3 left" in capsys.readouterr().out
    todo = tmp_path / "todo.json"
    assert untranslated.main(["es", "--out", str(todo)]) == 0
    items = json.loads(todo.read_text())
    assert [item["msgid"] for item in items] == ["New %(name)s", "Moved", "%(n)s day"]
    items[0]["msgstr"], items[1]["msgstr"] = "Nuevo %(name)s", "Trasladado"
    items[2]["msgstr"] = ["%(n)s día", "%(n)s días"]
    todo.write_text(json.dumps(items))

    assert untranslated.main(["es", "--apply", str(todo)]) == 0
    saved = polib.pofile(str(path))
    assert saved.untranslated_entries() == [] and saved.fuzzy_entries() == []
    assert saved.find("Moved").msgstr == "Trasladado"
    assert saved.find("%(n)s day").msgstr_plural == {0: "%(n)s día", 1: "%(n)s días"}
    assert untranslated.main(["es"]) == 0
