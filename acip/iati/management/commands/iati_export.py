from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from acip.iati.builder import activities_xml
from acip.iati.schema import validation_errors


class Command(BaseCommand):
    help = (
        "Write the programme's IATI 2.03 activity file (what is shared with donors) for publishing, after checking "
        "it against the IATI 2.03 schema."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", default="-", help="The file to write; - (the default) writes to stdout.")

    def handle(self, *args, output, **options):
        xml = activities_xml()
        errors = validation_errors(xml)
        if errors:
            # Never publish a file that IATI would reject: nothing is written.
            raise CommandError("The IATI file does not validate against the 2.03 schema:\n" + "\n".join(errors))
        if output == "-":
            self.stdout.write(xml.decode(), ending="")
            return
        path = Path(output)
        try:
            path.write_bytes(xml)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        self.stdout.write(f"Wrote {path} ({len(xml)} bytes).")
