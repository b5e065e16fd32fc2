"""What stands between a citizen form and a flood, without a third-party captcha: a self-hosted proof of work (the
browser finds a number whose SHA-256 the server signed: ALTCHA's scheme, solved by citizens/static/citizens/pow.js),
a honeypot field people never see, and rate limits per client address and per contact in Django's cache.

`PORTAL_POW_MAX_NUMBER` sets the work (the number is drawn below it; a browser tries half of them on average);
tests lower it rather than skip it. Limits: `PORTAL_QUESTIONS_PER_IP_HOUR`, `PORTAL_COMMENTS_PER_IP_HOUR`,
`PORTAL_QUESTIONS_PER_CONTACT_DAY` (questions and comments counted apart), `PORTAL_RATINGS_PER_IP_HOUR`.
"""

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.cache import cache

from security.lockout import client_ip

CHALLENGE_SECONDS = 20 * 60
HONEYPOT = "website"


class Refused(Exception):
    """A refused submission: its Vietnamese message and HTTP status."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def _sign(text):
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def challenge():
    """A fresh challenge: the salt (with its expiry), the hash to find, the server's signature, the bound."""
    salt = f"{secrets.token_hex(12)}?expires={int(time.time()) + CHALLENGE_SECONDS}"
    number = secrets.randbelow(settings.PORTAL_POW_MAX_NUMBER + 1)
    hashed = hashlib.sha256(f"{salt}{number}".encode()).hexdigest()
    return {
        "algorithm": "SHA-256",
        "salt": salt,
        "challenge": hashed,
        "signature": _sign(hashed),
        "maxnumber": settings.PORTAL_POW_MAX_NUMBER,
    }


def solve(item):
    """The number a browser would find (for tests, benches and API clients written in Python)."""
    for number in range(item["maxnumber"] + 1):
        if hashlib.sha256(f"{item['salt']}{number}".encode()).hexdigest() == item["challenge"]:
            return f"{item['salt']}|{number}|{item['challenge']}|{item['signature']}"
    raise ValueError("no solution")


def check_work(value):
    """The posted solution `salt|number|challenge|signature`: signed by us, right, not expired, used once."""
    parts = (value or "").split("|")
    if len(parts) != 4 or not parts[1].isdigit() or len(parts[1]) > 12:
        raise Refused("Trình duyệt chưa hoàn tất bước kiểm tra chống thư rác. Vui lòng bật JavaScript và gửi lại.")
    salt, number, hashed, signature = parts
    expires = salt.rpartition("?expires=")[2]
    if not (
        hmac.compare_digest(_sign(hashed), signature)
        and hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == hashed
        and expires.isdigit()
    ):
        raise Refused("Bước kiểm tra chống thư rác không hợp lệ. Vui lòng tải lại trang và gửi lại.")
    if int(expires) < time.time():
        raise Refused("Biểu mẫu đã mở quá lâu. Vui lòng tải lại trang và gửi lại.")
    if not cache.add(f"citizens:pow:{hashed}", 1, CHALLENGE_SECONDS):
        raise Refused("Bước kiểm tra này đã được dùng. Vui lòng tải lại trang và gửi lại.")


def count_hit(key, seconds):
    """Add one to a counter that lives `seconds` from its first hit; returns the new count."""
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds)
        return 1


def _digest(value):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def _honeypot_and_rate(request, what, kind, limit):
    """The honeypot left empty, and no more than `limit` posts of this kind an hour from the client's address."""
    if request.POST.get(HONEYPOT):
        raise Refused(f"Không gửi được {what}: ô “Để trống ô này” phải để trống.")
    if count_hit(f"citizens:{kind}:{_digest(client_ip(request))}", 3600) > limit:
        raise Refused(f"Địa chỉ mạng này đã gửi quá {limit} {what} trong một giờ. Vui lòng thử lại sau.", 429)


def check_request(request):
    """Before reading a question: the honeypot, the address's rate, then the proof of work."""
    _honeypot_and_rate(request, "câu hỏi", "ip", settings.PORTAL_QUESTIONS_PER_IP_HOUR)
    check_work(request.POST.get("pow", ""))


def check_comment_request(request):
    """Before reading a comment on a draft: as a question (the same work), with its own limit per address."""
    _honeypot_and_rate(request, "góp ý", "comment-ip", settings.PORTAL_COMMENTS_PER_IP_HOUR)
    check_work(request.POST.get("pow", ""))


def check_rating_request(request):
    """A rating: the honeypot and the address's rate (ratings are light; their own limit, shared by every page)."""
    _honeypot_and_rate(request, "đánh giá", "rating-ip", settings.PORTAL_RATINGS_PER_IP_HOUR)


def check_contact(email, phone, what="câu hỏi", kind="contact"):
    """After the form is valid: at most so many questions (or comments) a day from one e-mail address or phone."""
    limit = settings.PORTAL_QUESTIONS_PER_CONTACT_DAY
    for value in filter(None, (email.lower(), phone)):
        if count_hit(f"citizens:{kind}:{_digest(value)}", 86400) > limit:
            raise Refused(f"Thông tin liên hệ này đã gửi quá {limit} {what} trong một ngày. Vui lòng thử lại sau.", 429)
