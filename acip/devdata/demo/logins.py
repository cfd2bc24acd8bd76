"""The demo logins file: the table `load_demo` prints and writes, and the passwords it remembers."""

from pathlib import Path

from django.contrib.auth import get_user_model

from acip.devdata.demo.users import DEMO_USERNAMES, DemoLogin


def demo_logins_render(*, logins: list[DemoLogin]) -> str:
    """A plain-text table of the demo logins; a login without a password says how to set one."""
    rows = [("username", "role", "sees", "password")]
    rows += [(x.username, x.role, x.scope, x.password or "(unchanged)") for x in logins]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
             for row in rows]  # fmt: skip
    if any(x.password is None for x in logins):
        lines.append(
            "(unchanged): the password was set earlier. To set a new one: "
            "`python manage.py changepassword <username>` or `python manage.py load_demo --reset-passwords`."
        )
    return "\n".join(lines) + "\n"


def demo_logins_recall(*, path: Path, logins: list[DemoLogin]) -> list[DemoLogin]:
    """Fill in, from an earlier logins file, the passwords that this load did not set and that still work.

    Each candidate is checked against the user's password hash, so a file left over from another database or a
    password changed since with `changepassword` never shows a wrong password.
    """
    if not path.is_file():
        return logins
    remembered = {}
    for line in path.read_text().splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] in DEMO_USERNAMES:
            remembered[words[0]] = words[-1]
    user_model = get_user_model()
    recalled = []
    for login in logins:
        candidate = remembered.get(login.username)
        if login.password is None and candidate:
            user = user_model.objects.filter(username=login.username).first()
            if user is not None and user.check_password(candidate):
                login = DemoLogin(login.username, login.role, login.scope, candidate)
        recalled.append(login)
    return recalled


def demo_logins_write(*, path: Path, logins: list[DemoLogin]) -> None:
    """Write the logins table where `make run` reads it, readable by the owner only."""
    path.write_text(demo_logins_render(logins=logins))
    path.chmod(0o600)
