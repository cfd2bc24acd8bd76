"""Reading an upload's request so that a file name that came with folders is refused, not silently cut.

Django's multipart parser keeps only the last part of a name ("../../etc/report.pdf" becomes "report.pdf"), which
is safe but hides that the name was not a plain one. The upload views parse the body with this subclass, which
notes such names, and the form then refuses the file with a message.
"""

import html

from django.http.multipartparser import MultiPartParser


class NamesWithPathsParser(MultiPartParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names_with_paths: list[str] = []

    def sanitize_file_name(self, file_name):
        raw = html.unescape(file_name)
        if "/" in raw or "\\" in raw:
            self.names_with_paths.append(raw)
        return super().sanitize_file_name(file_name)


def parse_upload(request) -> bool:
    """Parse a multipart POST's body ahead of Django (request.POST and request.FILES are then set from it) and
    answer whether a file name in it had folders."""
    if request.method != "POST" or not request.content_type.startswith("multipart/form-data"):
        return False
    parser = NamesWithPathsParser(request.META, request, request.upload_handlers, request.encoding)
    request._post, request._files = parser.parse()
    return bool(parser.names_with_paths)
