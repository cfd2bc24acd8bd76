"""What is left to translate, and a way to write the translations back (README.md, "Languages").

    python -m acip.lib.untranslated fr es                  list each catalogue's empty and fuzzy entries
    python -m acip.lib.untranslated es --out todo.json     the same as JSON to fill in (`--chunk 150`: the first 150)
    python -m acip.lib.untranslated es --apply todo.json   write the filled-in translations back (fuzzy cleared)

Run `make messages` first, so that the catalogues hold every string of the code; run it again afterwards to compile.
The JSON is a list of {"msgctxt", "msgid", "msgid_plural", "msgstr"}; for a plural, "msgstr" is a list with one
text per plural form (two for French and Spanish). An entry left with an empty "msgstr" stays untranslated.
Exit status 1 when something is left to translate and nothing was applied, so that a script can check it.
"""

import argparse
import json
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def pending(catalogue: polib.POFile) -> list[polib.POEntry]:
    """The entries a translator still has to write: empty (any plural form) or fuzzy; never the header."""
    return [
        entry
        for entry in catalogue
        if entry.msgid
        and not entry.obsolete
        and ("fuzzy" in entry.flags or not all((entry.msgstr_plural or {0: entry.msgstr}).values()))
    ]


def as_item(entry: polib.POEntry) -> dict:
    if entry.msgid_plural:
        current = [entry.msgstr_plural.get(index, "") for index in sorted(entry.msgstr_plural) or (0, 1)]
    else:
        current = entry.msgstr
    plural = entry.msgid_plural or None
    return {"msgctxt": entry.msgctxt, "msgid": entry.msgid, "msgid_plural": plural, "msgstr": current}


def apply(catalogue: polib.POFile, items: list[dict]) -> int:
    """Write the filled-in items into the catalogue; returns how many entries it changed."""
    by_key = {(entry.msgctxt, entry.msgid, entry.msgid_plural or None): entry for entry in catalogue if entry.msgid}
    changed = 0
    for item in items:
        entry = by_key.get((item.get("msgctxt"), item["msgid"], item.get("msgid_plural") or None))
        text = item.get("msgstr")
        if entry is None or not text or (isinstance(text, list) and not all(text)):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(text))
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        changed += 1
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="+", help="catalogue languages, e.g. fr es")
    parser.add_argument("--out", type=Path, help="write the pending entries as JSON to fill in (one language)")
    parser.add_argument("--chunk", type=int, default=0, help="with --out: only the first N pending entries")
    parser.add_argument("--apply", type=Path, help="write the translations of a filled-in JSON file back")
    args = parser.parse_args(argv)
    if (args.out or args.apply) and len(args.languages) != 1:
        parser.error("--out and --apply take one language")

    left = 0
    for language in args.languages:
        path = catalogue_path(language)
        catalogue = polib.pofile(str(path), wrapwidth=79)
        if args.apply:
            changed = apply(catalogue, json.loads(args.apply.read_text(encoding="utf-8")))
            catalogue.save(str(path))
            print(f"{language}: {changed} entries written, {len(pending(catalogue))} left ({path})")
            continue
        entries = pending(catalogue)
        left += len(entries)
        if args.out:
            items = [as_item(entry) for entry in entries[: args.chunk or None]]
            args.out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"{language}: {len(entries)} left; {len(items)} written to {args.out}")
            continue
        print(f"{language}: {len(entries)} left to translate ({path})")
        for entry in entries:
            flag = " (fuzzy)" if "fuzzy" in entry.flags else ""
            context = f" [{entry.msgctxt}]" if entry.msgctxt else ""
            print(f"  {entry.msgid!r}{context}{flag}")
    return 1 if left and not args.apply and not args.out else 0


if __name__ == "__main__":
    sys.exit(main())
