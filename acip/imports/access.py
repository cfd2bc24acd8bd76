from django.http import Http404

from acip.imports.specs import SPECS, Spec
from acip.roles import membership_of


def get_import_for_user(user, kind: str) -> Spec:
    """An import that `user` may run: programme staff alone write records in bulk; anyone else, and an unknown
    import, is answered 404, as if there were no such pages."""
    if not membership_of(user).sees_everything or kind not in SPECS:
        raise Http404
    return SPECS[kind]


def require_importer(user) -> None:
    if not membership_of(user).sees_everything:
        raise Http404
