"""Who is signed in to the pages: a signed, HttpOnly, SameSite cookie holding a user id.

Each sign-in is a session of its own (``sid``); signing out records that session as ended on
the user's credentials, so a copy of the cookie kept from before is refused. A new password
ends every session begun before it (whoever knew the old one may be signed in with it); the
person who changed it carries on in a fresh session.

The key signing it comes from ``LEDGER_SECRET_KEY``; without one (the embedded default) a
random key is generated once into ``<data dir>/web-secret.key`` with mode 0600, so sessions
survive restarts and every worker of a host shares it. The cookie is ``Secure`` except over
plain HTTP to this machine's own loopback address (a developer's ``make run``).
Every page passes ``guard``: the same policy as the API (``api/policy.py``), the same
acting user on every event, and an auditor's reads recorded as the API records them. A person
who signed in with a temporary password (set by an administrator) is sent to choose their own
before any other page (``api/web/account.py``).
"""

from __future__ import annotations

import os
import secrets
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from uuid import UUID

from flask import (
    Flask,
    Request,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from api.auth import decide_request
from api.context import platform
from api.policy import AUDITED, Decision, Permission
from api.refusals import who_can_help
from domain.errors import NotFoundError
from domain.recording import recorded_by_cvar
from tenants.users import Role, UserInfo, passwords, signin
from tenants.users.credentials import SESSION_LIFETIME

IDLE = timedelta(minutes=60)  # signed out after an hour without a page (SESSION_IDLE_TIMEOUT)
WARN = timedelta(minutes=5)  # the timeout warning comes this long before (SESSION_TIMEOUT_WARNING)
LIFETIME = SESSION_LIFETIME  # and after a working day whatever happens
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
CHOOSING = "choose_password"  # signed in with a temporary password: their own comes first
CHOOSE_PAGE = "web.account.choose_password"
F = TypeVar("F")


def secret_key(data_dir: Path) -> str:
    from_env = os.environ.get("LEDGER_SECRET_KEY", "").strip()
    if from_env:
        return from_env
    path = data_dir / "web-secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another worker made it first
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()


class LedgerSessions(SecureCookieSessionInterface):
    def get_cookie_secure(self, app: Flask) -> bool:
        return not on_loopback_http(request)

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """No cookie, nothing to verify: the empty session Flask's own would return, without
        first building its signing serializer. API calls carry a bearer token and no cookie,
        and that serializer was about 2% of an API command's time (figure b, README)."""
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        """A passive request sends the cookie back only if it changed it (signing out): its
        copy, read before another tab's page moved the idle clock on, could otherwise arrive
        after that page's and put the clock back."""
        if g.get("passive") and not session.modified:
            return False
        return super().should_set_cookie(app, session)


def on_loopback_http(req: Request) -> bool:
    return not req.is_secure and (req.host.rsplit(":", 1)[0] in LOOPBACK)


def configure(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(platform_of(app).settings.data_dir)
    app.config.update(
        SESSION_COOKIE_NAME="ledger_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=LIFETIME,
        WTF_CSRF_TIME_LIMIT=int(LIFETIME.total_seconds()),
    )
    app.config.setdefault("SESSION_IDLE_TIMEOUT", IDLE)
    app.config.setdefault("SESSION_TIMEOUT_WARNING", WARN)
    app.config.setdefault("SESSION_CLOCK", time.time)
    app.session_interface = LedgerSessions()
    # A page's own small forms (the header's Sign out) carry the token FlaskForm checks.
    app.jinja_env.globals["csrf_token"] = generate_csrf


def platform_of(app: Flask) -> Any:
    from api.context import PLATFORM_KEY

    return app.extensions[PLATFORM_KEY]


def sign_in(user: UserInfo) -> None:
    """Start a fresh session for ``user`` (nothing from before sign-in carries over)."""
    session.clear()
    session.permanent = True
    now = time.time()  # to the microsecond: a password changed a moment later ends it
    session.update(uid=str(user.id), sid=secrets.token_urlsafe(16), since=now, seen=int(clock()))
    if passwords.must_choose(platform().access, user.id):
        session[CHOOSING] = True


def sign_out() -> None:
    uid, sid = session.get("uid"), session.get("sid")
    if uid and sid:
        try:
            signin.end_session(platform().access, UUID(uid), str(sid))
        except (NotFoundError, ValueError):
            pass  # no such user any more: nothing to end but the cookie
    session.clear()


def passive(fn: F) -> F:
    """A request that asks about the session without using it (the timeout warning asking how
    long is left): it does not start the idle clock again, and signed out it is answered 401
    with JSON rather than sent to the sign-in page."""
    fn.passive = True  # type: ignore[attr-defined]
    return fn


def clock() -> float:
    """Now, in seconds since the epoch, as the idle clock and the day's limit count it:
    ``time.time`` unless the app's config says otherwise (``SESSION_CLOCK``), as the timeout
    warning's browser tests do, moving it on with the page's clock instead of waiting. When a
    session began (``since``) is always the real time: it is compared with recorded events."""
    now: float = current_app.config.get("SESSION_CLOCK", time.time)()
    return now


def idle_limit() -> int:
    """Seconds without a page before signing out: an hour unless the app's config says less."""
    limit: timedelta = current_app.config.get("SESSION_IDLE_TIMEOUT", IDLE)
    return int(limit.total_seconds())


def idle_in_words() -> str:
    """The idle limit as a person reads it: "60 minutes"."""
    limit = idle_limit()
    return f"{limit // 60} minutes" if limit >= 120 else f"{limit} seconds"


def time_left() -> dict[str, int]:
    """Seconds until this session ends for want of a page (``idle``) and whatever happens
    (``life``): what the timeout warning counts down from. Staying signed in moves ``idle`` on.
    ``began`` (the second it was signed in, which ``life`` tells anyway) tells a page whether
    the session still signed in is the one it was shown in."""
    now = clock()
    since, seen = float(session.get("since", 0)), int(session.get("seen", 0))
    return {
        "idle": max(0, int(seen + idle_limit() - now)),
        "life": max(0, int(since + LIFETIME.total_seconds() - now)),
        "began": int(since),
    }


def keep_alive() -> None:
    """The person asked to stay signed in: the idle clock starts again (the day's limit stays)."""
    session["seen"] = int(clock())


def timed_out() -> str | None:
    """Why this session's cookie no longer signs anyone in, if it is for want of a page
    (``idle``) or the day's limit (``limit``): what the sign-in page then says."""
    if not session.get("uid"):
        return None
    now = int(clock())
    if now - float(session.get("since", 0)) > LIFETIME.total_seconds():
        return "limit"
    return "idle" if now - int(session.get("seen", 0)) > idle_limit() else None


def signed_in_user(activity: bool = True) -> UserInfo | None:
    """The user of this session, or None if signed out, expired, idle or deactivated. A
    request that is ``activity`` (a page, not the timeout warning asking) moves the idle clock."""
    uid, now = session.get("uid"), int(clock())
    if not uid:
        return None
    since, seen = float(session.get("since", 0)), int(session.get("seen", 0))
    idle = idle_limit()
    if timed_out():
        session.clear()
        return None
    try:
        user = platform().access.user_by_id(UUID(uid))
    except (NotFoundError, ValueError):
        user = None
    sid = session.get("sid")
    if user is None or not user.active or not sid:
        session.clear()
        return None
    began = datetime.fromtimestamp(since, UTC)
    if signin.session_ended(platform().access, user.id, str(sid), began):
        session.clear()
        return None
    if activity and now - seen > min(60, idle // 10):  # refresh it at most once a minute
        session["seen"] = now
    return user


def safe_next(target: str | None) -> str | None:
    """Only a path on this site, so a crafted link cannot send someone elsewhere after sign-in.
    Nothing unprintable either: ``urlsplit`` drops tabs and line breaks before it parses, so a
    path holding one looked safe here and then failed in the redirect's header, after the
    sign-in had already happened; refused, the person lands on their start page instead."""
    if not target or not target.isprintable():
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def guard() -> Response | None:
    """Runs before every page: signed in, in scope, role allowed; then acts as that user."""
    view = current_app.view_functions.get(request.endpoint or "")
    g.passive = getattr(view, "passive", False)
    why = timed_out()  # before the session is cleared for it
    user = signed_in_user(activity=not g.passive)
    g.web_user = user
    permission = getattr(view, "permission", None)
    if permission == Permission.PUBLIC:
        return None
    if user is None and g.passive:
        answer = jsonify(signed_in=False, timed_out=why)
        answer.status_code = 401
        return answer
    if user is None and request.method == "POST":  # a form: what was typed must not be lost
        from api.web import unsent

        return unsent.page(why)
    if user is None:
        here = request.full_path.rstrip("?")
        return redirect(url_for("web.signin.sign_in_page", next=here, timed_out=why))
    if session.get(CHOOSING) and request.endpoint != CHOOSE_PAGE:
        return redirect(url_for(CHOOSE_PAGE, next=request.full_path.rstrip("?")))
    if permission is None:
        abort(403)
    if permission != Permission.SIGNED_IN:
        decision, tenant, region = decide_request(user, permission)
        if decision == Decision.NOT_FOUND:
            abort(404)
        if decision == Decision.FORBIDDEN:
            g.refusal_help = who_can_help(platform().access, user, permission, tenant, region)
            abort(403)
        if user.role == Role.AUDITOR and permission in AUDITED:
            if not getattr(view, "logs_own_read", False):
                platform().access.record_audit_read(user.id, request.path, tenant, region)
    g.user = user
    g.actor_token = recorded_by_cvar.set(str(user.id))
    return None
