"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1, on a free port, started and stopped by the test.

Every message it receives is kept as bytes (to grep the raw message) and parsed back (to read headers and parts).
A test may tell it to refuse an address, or point the site at a port where no server listens.
"""

import datetime
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from tests.acip.factories import ProgrammeFactory
from tests.acip.personas import make_staff
from tests.meetings.factories import CommitmentFactory
from tests.partners.factories import ContactFactory, PartnerFactory, StatusChangeFactory

TODAY = datetime.date(2026, 3, 2)  # a Monday
DAY = datetime.timedelta(days=1)
SITE = "https://acip.example.org"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    raw: bytes
    envelope_to: list[str]

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)

    @property
    def subject(self) -> str:
        # Python's folding of a long encoded Subject starts it on the next line, which parses as a leading space.
        return str(self.message["Subject"]).strip()

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()


@dataclass
class Sink:
    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(Received(raw=envelope.original_content, envelope_to=list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.envelope_to]


def _smtp_settings(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = SITE


@pytest.fixture
def smtp(settings):
    """A running SMTP server that the site sends to."""
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    _smtp_settings(settings, port)
    yield sink
    controller.stop()


@pytest.fixture
def smtp_down(settings):
    """The site points at a port where nothing listens: every connection is refused."""
    _smtp_settings(settings, free_port())


@dataclass
class World:
    programme: object
    manager: object
    focal_point: object
    owner: object
    partner: object
    coordinator: object


def make_world(*, code_suffix: str = "") -> World:
    """An administration with a focal point, an A-CIP Coordinator with an address, under a programme with a
    manager; a status change recent enough that the page is not stale on TODAY."""
    manager = make_staff(username="manager")
    programme = ProgrammeFactory()
    programme.manager = manager
    programme.save(update_fields=["manager"])
    focal_point = make_staff(username="focal")
    owner = make_staff(username="owner")
    partner = PartnerFactory(country_name="Ghana", name="Ghana Revenue Authority", focal_point=focal_point)
    StatusChangeFactory(partner=partner, effective_on=TODAY - 30 * DAY)
    coordinator = ContactFactory(
        partner=partner, name="Ama Mensah", position="coordinator", email="coordinator@gra.example", language="en"
    )
    return World(programme, manager, focal_point, owner, partner, coordinator)


def commitment(world: World, *, due_on, owner="programme", partner=None, **values):
    values = {"tier": "partner", **({"owner_user": world.owner} if owner == "programme" else {}), **values}
    return CommitmentFactory(side_meeting__partner=partner or world.partner, owner=owner, due_on=due_on, **values)
