from acip.lib.concurrency import VERSION, VersionedModelForm
from acip.reminders.models import ReminderPreference
from acip.roles import Role, membership_of

#: The kinds of reminder each role can receive: only staff look after countries and get the digest.
FIELDS_BY_ROLE = {
    Role.ADMINISTRATOR: ["commitments", "stale_pages", "digest", "digest_weekday", "language"],
    Role.STAFF: ["commitments", "stale_pages", "digest", "digest_weekday", "language"],
    Role.DELEGATE: ["commitments", "language"],
}


class ReminderPreferenceForm(VersionedModelForm):
    """A user's reminder choices; the app shows each role the fields that apply to it, the admin shows them all.
    It carries the version it was opened on: two tabs, or the user and an administrator, never overwrite each other."""

    class Meta:
        model = ReminderPreference
        fields = ["user", "commitments", "stale_pages", "digest", "digest_weekday", "language"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            keep = FIELDS_BY_ROLE.get(membership_of(for_user).role, ["language"])
            for name in list(self.fields):
                if name not in keep and name != VERSION:
                    del self.fields[name]
