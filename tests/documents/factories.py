import datetime

import factory
from factory.django import DjangoModelFactory

from acip.documents.models import Attachment, AttachmentVersion
from tests.acip.factories import UserFactory
from tests.partners.factories import PartnerFactory


class AttachmentFactory(DjangoModelFactory):
    """An attachment on an administration by default; pass partner=None and another record to hang it elsewhere."""

    class Meta:
        model = Attachment

    title = factory.Sequence(lambda n: f"Mission report {n}")
    kind = "mission_report"
    dated_on = datetime.date(2025, 3, 1)
    partner = factory.SubFactory(PartnerFactory)
    created_by = factory.SubFactory(UserFactory)


class AttachmentVersionFactory(DjangoModelFactory):
    """A version row whose file is named but not stored: for pages that list versions, not for downloads."""

    class Meta:
        model = AttachmentVersion

    attachment = factory.SubFactory(AttachmentFactory)
    number = factory.Sequence(lambda n: n + 1)
    file = factory.Sequence(lambda n: f"attachments/not-stored-{n}")
    original_name = "report.pdf"
    size = 1234
    content_type = "application/pdf"
    uploaded_by = factory.SubFactory(UserFactory)
