"""Writes the labelled samples `./build.sh compare` measures riskhint, detect-secrets and Presidio on:
data/compare/secrets-{en,ko}.tsv and data/compare/pii-{en,ko}.tsv (columns id, lang, label, kind,
text; label 1 when the text holds a secret / personal data of the kinds compared, 0 otherwise).

    python3 scripts/compare/make-samples.py          (rewrites the four files; same bytes every run)

Every token, number and address is fictitious, made by a seeded generator from each format's public
description (gitleaks' rule regexes for secrets; Luhn, ISO 13616, the SSA's and Korea's numbering
rules for personal data), so random bodies carry real entropy and checksums hold. Negatives are
look-alikes written to trap false alarms. Only the standard library: no install needed.
"""

import base64
import csv
import hashlib
import json
import random
import string
import uuid
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "data" / "compare"
rng = random.Random(20261206)

ALNUM = string.ascii_letters + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
HEX = "0123456789abcdef"
WORD = ALNUM + "_"
URLSAFE = ALNUM + "_-"


def pick(chars, n):
    return "".join(rng.choice(chars) for _ in range(n))


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# ---------------------------------------------------------------------------------------------
# Secrets: one generator per format. Each returns the token (or the command/URL holding it).

def base62(n: int, width: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = ALNUM[r] + out
    return out.rjust(width, "0")


def github_classic():
    # 30 random characters and a CRC32 checksum in base62, as GitHub's current tokens carry.
    body = pick(ALNUM, 30)
    return "ghp_" + body + base62(zlib.crc32(body.encode()), 6)


def private_key():
    kind = rng.choice(["RSA ", "EC ", "OPENSSH ", ""])
    body = base64.b64encode(rng.randbytes(rng.choice([180, 240, 300]))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {kind}PRIVATE KEY-----\n" + "\n".join(lines) + f"\n-----END {kind}PRIVATE KEY-----"


def password():
    # Symbols that need no quoting in a shell nor escaping in a URL's user part.
    return pick(ALNUM, 10) + rng.choice("-_.") + pick(ALNUM, 5)


def jwt():
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": str(rng.randrange(10**6, 10**7)), "name": rng.choice(["minji", "ops-bot", "jlee"]), "iat": rng.randrange(1_700_000_000, 1_780_000_000)}
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{b64url(rng.randbytes(32))}"


HOSTS = ["api.staging-payments.io", "build.acme-internal.net", "grafana.ops-team.dev", "registry.blueowl.cloud"]

SECRETS = {
    "aws-access-key": lambda: rng.choice(["AKIA", "ASIA"]) + pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
    "aws-secret-key": lambda: "aws_secret_access_key = " + pick(ALNUM + "+/", 40),
    "github-pat": github_classic,
    "github-fine-grained-pat": lambda: "github_pat_" + pick(ALNUM, 22) + "_" + pick(ALNUM, 59),
    "gitlab-pat": lambda: "glpat-" + pick(URLSAFE, 20),
    "slack-bot-token": lambda: f"xoxb-{pick(string.digits, 12)}-{pick(string.digits, 13)}-{pick(ALNUM, 24)}",
    "slack-user-token": lambda: f"xoxp-{pick(string.digits, 12)}-{pick(string.digits, 12)}-{pick(string.digits, 13)}-{pick(HEX, 32)}",
    "slack-webhook-url": lambda: f"https://hooks.slack.com/services/T{pick(string.ascii_uppercase + string.digits, 8)}/B{pick(string.ascii_uppercase + string.digits, 10)}/{pick(ALNUM, 24)}",
    "stripe-secret-key": lambda: rng.choice(["sk_live_", "rk_live_"]) + pick(ALNUM, rng.choice([24, 99])),
    "google-api-key": lambda: "AIza" + pick(URLSAFE, 35),
    "twilio-api-key": lambda: "SK" + pick(HEX, 32),
    "sendgrid-api-key": lambda: "SG." + pick(URLSAFE, 22) + "." + pick(URLSAFE, 43),
    "npm-token": lambda: "npm_" + pick(ALNUM, 36),
    "pypi-token": lambda: "pypi-AgEIcHlwaS5vcmc" + pick(URLSAFE, rng.randrange(60, 120)),
    "openai-api-key": lambda: "sk-proj-" + pick(URLSAFE, 74) + "T3BlbkFJ" + pick(URLSAFE, 74),
    "anthropic-api-key": lambda: "sk-ant-api03-" + pick(URLSAFE, 93) + "AA",
    "sourcegraph-token": lambda: "sgp_" + pick(HEX, 16) + "_" + pick(HEX, 40),
    "azure-ad-client-secret": lambda: pick(ALNUM, 3) + rng.choice(string.digits) + "Q~" + pick(ALNUM + "_~.-", 34),
    "huggingface-token": lambda: "hf_" + pick(string.ascii_letters, 34),
    "shopify-token": lambda: "shpat_" + pick(HEX, 32),
    "digitalocean-token": lambda: "dop_v1_" + pick(HEX, 64),
    "databricks-token": lambda: "dapi" + pick(HEX, 32),
    "linear-api-key": lambda: "lin_api_" + pick(ALNUM, 40),
    "postman-api-key": lambda: f"PMAK-{pick(HEX, 24)}-{pick(HEX, 34)}",
    "jwt": jwt,
    "private-key": private_key,
    "curl-basic-auth": lambda: f"curl -u deploy:{password()} https://{rng.choice(HOSTS)}/v1/releases",
    "curl-bearer-header": lambda: f'curl -H "Authorization: Bearer {pick(URLSAFE, 40)}" https://{rng.choice(HOSTS)}/v2/users',
    "url-credentials": lambda: rng.choice([
        f"https://admin:{password()}@{rng.choice(HOSTS)}/dashboard",
        f"postgres://app_user:{password()}@db.{rng.choice(HOSTS)}:5432/orders",
        f"redis://:{password()}@cache.{rng.choice(HOSTS)}:6379/0",
    ]),
    "password-assignment": lambda: rng.choice(["DB_PASSWORD=", "password: ", "SMTP_PASS=", "db_pass = "]) + password(),
}

# What people write around a pasted token: chat, posts, help requests.
SECRET_EN = [
    "here's the token for the staging deploy: {tok}",
    "can someone check why this fails? {tok}",
    "ok I rotated it, new one is {tok} lmk if CI still breaks",
    "{tok} <- this is the key from the vendor portal, don't share it",
    "pasting my config so you can reproduce:\n{tok}",
    "Quick question, is this the right format? {tok}",
    "Use {tok} for now, I'll make you your own later",
    "Just set up the integration! key: {tok} #devlife",
    "debugging at 2am, still getting 401 with {tok}",
    "for the hackathon team: {tok}",
]
SECRET_KO = [
    "스테이징 배포용 토큰 공유드려요: {tok}",
    "이거 왜 안 되는지 봐주실 분? {tok}",
    "키 재발급했어요. 새 키는 {tok} 입니다",
    "{tok} 이 키로 테스트해 보세요",
    "설정 그대로 붙여요\n{tok}",
    "혹시 형식 이게 맞나요? {tok}",
    "일단 {tok} 쓰시고 나중에 개인 키 발급해 드릴게요",
    "연동 끝! 키는 {tok} ㅎㅎ",
    "새벽 두 시인데 {tok} 넣어도 계속 401 떠요 ㅠㅠ",
]

# Look-alikes: the same surroundings, nothing secret in them.
SECRET_NEGATIVES_EN = {
    "env-reference": [
        "export GITHUB_TOKEN=$GITHUB_TOKEN before running the script",
        "set api_key: ${OPENAI_API_KEY} in the yaml and it reads from your shell",
        "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);",
        "token = os.environ['SLACK_BOT_TOKEN']  # never hardcode it",
        'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/v1/me',
        "curl -u $CI_USER:$CI_PASSWORD https://build.example.com/job",
        "DATABASE_URL=postgres://${DB_USER}:${DB_PASS}@db:5432/app",
    ],
    "template": [
        "in the workflow use {{ secrets.NPM_TOKEN }} not the raw value",
        "replace <YOUR_API_KEY> with the key from your dashboard",
        "api_key = 'sk-...your key here...'",
        "Authorization: Bearer <token>",
        "GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "password: ********",
        "aws_secret_access_key = <redacted>",
    ],
    "dummy": [
        "for the unit test I just use token=abc123",
        "api_key=test and it still returns 200, weird",
        "xoxb-123 is obviously not a real token lol",
        "password: changeme (the default, you must change it on first login)",
        "sk_test_xxx works in the sandbox",
        "set SECRET=dummy in .env.example",
    ],
    "example-key": [
        "the docs use AKIAIOSFODNN7EXAMPLE as the access key id",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY is from the AWS guide",
        "example from the README: Bearer EXAMPLE_TOKEN_DO_NOT_USE",
    ],
    "public-key": [
        "add my key to the server: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{body} minji@laptop",
        "publishable key for the checkout page: pk_live_{body24}",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE{body}\n-----END PUBLIC KEY-----",
    ],
    "commit-hash": [
        "fixed in {sha40}, please pull",
        "git revert {sha40} broke the build again",
        "bisected it to {sha7}",
    ],
    "uuid": [
        "request id {uuid} if you open a ticket",
        "the tenant is {uuid} in the admin panel",
    ],
    "checksum": [
        "sha256 of the release: {sha256}",
        "integrity sha512-{b64_64} in package-lock changed",
        "image digest sha256:{sha256}",
    ],
    "base64-words": [
        "fun fact: {b64word} is base64 for a greeting",
        "the header was {b64word} which decodes to plain text",
    ],
    "prose": [
        "Never paste your API key in Slack. Rotate it every 90 days.",
        "GitHub tokens start with ghp_ so secret scanners can spot them",
        "Our Stripe secret key leaked last year, so now we use a vault",
        "SK-II essence is 30% off this week!",
        "Use a password manager like Bitwarden, not a sticky note",
        "My Slack webhook stopped working after the migration, any ideas?",
        "API_KEY is required, see the docs for where to get one",
        "the context window is 200k tokens now",
        "TIL: AWS access key ids start with AKIA",
        "how do you all store JWTs in the browser, cookie or localStorage?",
    ],
    "url-no-credentials": [
        "clone it from https://git@github.com/acme/web.git",
        "connect to postgres://localhost:5432/orders with your own user",
        "dashboard is at https://grafana.ops-team.dev/d/abc123/latency",
    ],
}
SECRET_NEGATIVES_KO = {
    "env-reference": [
        "스크립트 돌리기 전에 export GITHUB_TOKEN=$GITHUB_TOKEN 해주세요",
        "키는 ${OPENAI_API_KEY}로 셸에서 읽어와요",
        "process.env.STRIPE_SECRET_KEY 로 읽게 바꿨습니다",
        'curl -H "Authorization: Bearer $API_TOKEN" 이렇게 호출하시면 돼요',
    ],
    "template": [
        "워크플로에선 {{ secrets.NPM_TOKEN }} 을 쓰세요, 값 그대로 넣지 말고요",
        "<YOUR_API_KEY> 자리에 대시보드에서 받은 키를 넣으세요",
        "비밀번호: ******** (가렸어요)",
        "GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX 이런 형식입니다",
    ],
    "dummy": [
        "테스트에선 그냥 token=abc123 써요",
        "api_key=test 넣어도 200이 오네요 이상하다",
        "기본 비밀번호 changeme는 첫 로그인 때 꼭 바꾸세요",
    ],
    "example-key": [
        "문서 예시 키 AKIAIOSFODNN7EXAMPLE 그대로 넣으면 당연히 안 되죠",
    ],
    "public-key": [
        "서버에 제 공개키 등록 부탁드려요 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{body} minji@laptop",
        "결제 페이지용 공개 키는 pk_live_{body24} 입니다",
    ],
    "commit-hash": [
        "{sha40} 커밋에서 고쳤어요, 풀 받아주세요",
        "{sha7} 이후로 빌드가 깨져요",
    ],
    "uuid": [
        "문의하실 때 요청 ID {uuid} 알려주세요",
    ],
    "checksum": [
        "릴리스 파일 sha256은 {sha256} 입니다",
    ],
    "base64-words": [
        "{b64word} 디코딩해 보니 그냥 인사말이네요",
    ],
    "prose": [
        "API 키는 절대 슬랙에 붙여넣지 마세요. 90일마다 교체하시고요.",
        "깃허브 토큰은 ghp_로 시작해서 스캐너가 잡아낼 수 있대요",
        "작년에 키가 유출돼서 이제 전부 볼트에 넣어요",
        "토큰 재발급은 설정 > 보안 메뉴에서 하시면 됩니다",
        "비밀번호 바꾸라는 메일이 왔는데 피싱 같아요",
        "슬랙 웹훅이 마이그레이션 후에 안 돼요, 아시는 분?",
        "API 키 발급은 관리자에게 요청하세요",
    ],
}

B64_WORDS = ["hello world", "good morning team", "see you at lunch", "happy friday", "thanks for the review", "안녕하세요 여러분"]


def fill_negative_fields(template: str) -> str:
    """The template with its literal braces (templated secrets, ${VAR}) removed."""
    return "" if "secrets." in template or "${" in template else template


def fill_negative(template: str) -> str:
    return template.format_map({
        "body": pick(ALNUM + "+/", 40),
        "body24": pick(ALNUM, 24),
        "sha40": pick(HEX, 40),
        "sha7": pick(HEX, 7),
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "sha256": hashlib.sha256(rng.randbytes(16)).hexdigest(),
        "b64_64": base64.b64encode(rng.randbytes(48)).decode(),
        "b64word": base64.b64encode(rng.choice(B64_WORDS).encode()).decode(),
    }) if "{" in template and "secrets." not in template and "${" not in template else template


def secrets_rows(lang: str):
    rows = []
    templates = SECRET_EN if lang == "en" else SECRET_KO
    per_kind = 4 if lang == "en" else 2
    for kind, make in SECRETS.items():
        for _ in range(per_kind):
            rows.append((1, kind, rng.choice(templates).format(tok=make())))
    negatives = SECRET_NEGATIVES_EN if lang == "en" else SECRET_NEGATIVES_KO
    for kind, texts in negatives.items():
        for text in texts:
            # Templates with random parts (hashes, ids) twice: two different draws.
            for _ in range(2 if "{" in fill_negative_fields(text) else 1):
                rows.append((0, kind, fill_negative(text)))
    return rows


# ---------------------------------------------------------------------------------------------
# Personal data.

def luhn_digit(digits: str) -> str:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2 == 0:  # doubled: these sit at odd positions once the check digit is appended
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return str((10 - total % 10) % 10)


CARD_BRANDS = {
    "visa": (lambda: "4" + pick(string.digits, 5), 16),
    "mastercard": (lambda: str(rng.randrange(51, 56)) + pick(string.digits, 4), 16),
    "mastercard-2series": (lambda: str(rng.randrange(2221, 2721)) + pick(string.digits, 2), 16),
    "amex": (lambda: rng.choice(["34", "37"]) + pick(string.digits, 4), 15),
    "discover": (lambda: "6011" + pick(string.digits, 2), 16),
    "jcb": (lambda: str(rng.randrange(3528, 3590)) + pick(string.digits, 2), 16),
}
TEST_CARDS = {"4111111111111111", "4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"}


def card(brand: str, valid: bool = True) -> str:
    prefix, length = CARD_BRANDS[brand]
    while True:
        body = prefix() + pick(string.digits, length - 7)
        digits = body + luhn_digit(body)
        if not valid:
            digits = digits[:-1] + str((int(digits[-1]) + rng.randrange(1, 10)) % 10)
        if digits not in TEST_CARDS:
            break
    style = rng.choice(["space", "dash", "plain"])
    if style == "plain":
        return digits
    sep = " " if style == "space" else "-"
    groups = [4, 6, 5] if length == 15 else [4, 4, 4, 4]
    parts, at = [], 0
    for g in groups:
        parts.append(digits[at:at + g])
        at += g
    return sep.join(parts)


def iban_check(country: str, bban: str) -> str:
    moved = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in moved))
    return f"{98 - number % 97:02d}"


IBAN_BBAN = {
    "DE": lambda: pick(string.digits, 18),
    "GB": lambda: rng.choice(["NWBK", "BARC", "LOYD", "HBUK"]) + pick(string.digits, 14),
    "FR": lambda: pick(string.digits, 23),
    "ES": lambda: pick(string.digits, 20),
    "NL": lambda: rng.choice(["ABNA", "INGB", "RABO"]) + pick(string.digits, 10),
    "IT": lambda: rng.choice(string.ascii_uppercase) + pick(string.digits, 22),
    "CH": lambda: pick(string.digits, 17),
    "BE": lambda: (lambda ten: ten + f"{int(ten) % 97 or 97:02d}")(pick(string.digits, 10)),
}


def iban(country: str, valid: bool = True) -> str:
    bban = IBAN_BBAN[country]()
    check = iban_check(country, bban)
    if not valid:
        check = f"{(int(check) + rng.randrange(1, 90)) % 97 + 2:02d}"
        if check == iban_check(country, bban):
            check = f"{(int(check) + 1) % 97 + 2:02d}"
    compact = country + check + bban
    if rng.random() < 0.5:
        return compact
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def d(n):
    return pick(string.digits, n)


def nz(n):
    """n digits, the first not 0 or 1 (subscriber numbers rarely start so)."""
    return rng.choice("23456789") + d(n - 1)


# International and national forms, from each numbering plan's public description (fixed-line
# and mobile ranges; validated with libphonenumber when the sample was made).
PHONES = {
    "KR": [lambda: f"010-{nz(4)}-{d(4)}", lambda: f"+82 10-{nz(4)}-{d(4)}", lambda: f"02-{nz(4)}-{d(4)}", lambda: f"+82 2 {nz(3)} {d(4)}"],
    "US": [lambda: f"({rng.choice(['212', '415', '312', '617', '206', '512'])}) {nz(3)}-{d(4)}", lambda: f"+1 {rng.choice(['646', '303', '404', '702'])}-{nz(3)}-{d(4)}", lambda: f"{rng.choice(['213', '305', '503'])}.{nz(3)}.{d(4)}"],
    "UK": [lambda: f"07{rng.choice('45789')}{d(2)} {d(6)}", lambda: f"+44 7{rng.choice('45789')}{d(2)} {d(6)}", lambda: f"020 7{d(3)} {d(4)}", lambda: f"+44 161 {nz(3)} {d(4)}"],
    "JP": [lambda: f"090-{nz(4)}-{d(4)}", lambda: f"+81 80-{nz(4)}-{d(4)}", lambda: f"03-{nz(4)}-{d(4)}"],
    "DE": [lambda: f"+49 30 {nz(8)}", lambda: f"0151 {nz(8)}", lambda: f"+49 171 {nz(7)}", lambda: f"089 {nz(7)}"],
    "FR": [lambda: "06 " + " ".join(d(2) for _ in range(4)), lambda: "+33 7 " + rng.choice("3456789") + " ".join([d(1)] + [d(2) for _ in range(3)]), lambda: "01 " + " ".join(nz(2) for _ in range(4))],
    "AU": [lambda: f"04{rng.choice('0123')}{d(1)} {d(3)} {d(3)}", lambda: f"+61 4{rng.choice('0123')}{d(1)} {d(3)} {d(3)}", lambda: f"(02) {rng.choice('3456789')}{d(3)} {d(4)}"],
    "IN": [lambda: f"+91 {rng.choice('6789')}{d(4)} {d(5)}", lambda: f"0{rng.choice('789')}{d(4)} {d(5)}", lambda: f"{rng.choice('789')}{d(4)}-{d(5)}"],
    "BR": [lambda: f"+55 11 9{nz(4)}-{d(4)}", lambda: f"(21) 9{nz(4)}-{d(4)}", lambda: f"(11) 3{d(3)}-{d(4)}"],
    "CN": [lambda: f"+86 13{d(1)} {d(4)} {d(4)}", lambda: f"13{d(1)}-{d(4)}-{d(4)}", lambda: f"010-{nz(8)}"],
}


def ssn(valid: bool = True) -> str:
    if valid:
        area = rng.choice([n for n in range(1, 900) if n != 666])
        return f"{area:03d}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"
    area = rng.choice(["000", "666", f"9{d(2)}"])
    return f"{area}-{rng.randrange(1, 100):02d}-{rng.randrange(1, 10000):04d}"


def resident_number() -> str:
    year = rng.randrange(1960, 2010)
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    gender = rng.choice("12") if year < 2000 else rng.choice("34")
    first12 = f"{year % 100:02d}{month:02d}{day:02d}{gender}{d(5)}"
    weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
    check = (11 - sum(int(c) * w for c, w in zip(first12, weights)) % 11) % 10
    return f"{first12[:6]}-{first12[6:]}{check}"


FIRST = ["minji.kang", "jhpark", "sora_lee", "dave.okafor", "emma.r", "k.tanaka", "lucas.m", "priya.s", "wei.chen", "anna.b"]
MAIL_DOMAINS = ["gmail.com", "naver.com", "outlook.com", "daum.net", "yahoo.co.jp", "hotmail.com", "proton.me", "icloud.com"]


def email() -> str:
    return f"{rng.choice(FIRST)}{rng.randrange(10, 99)}@{rng.choice(MAIL_DOMAINS)}"


PII_EN = {
    "card": ["my card {x} got charged twice, can you refund?", "charged on credit card {x} yesterday", "Visa ending... actually here is the whole number {x}", "can you check {x}? the payment bounced"],
    "card-no-context": ["{x} exp 09/28 thanks!", "is this it? {x}", "the number is {x}"],
    "iban": ["please wire the deposit to {x}", "IBAN: {x} (Sophie Martin)", "refund to my account {x} please"],
    "phone": ["call me at {x} after 6", "Jisoo's cell is {x}, ask her directly", "text me on {x}", "my number changed, it's now {x}"],
    "email": ["you can reach her at {x}", "send the contract to {x}", "his personal mail is {x} fyi"],
    "ssn": ["my SSN is {x}, do you need anything else?", "social security number {x} for the form", "here: {x} (ssn)"],
    "kr-rrn": ["her resident registration number is {x}"],
}
PII_KO = {
    "card": ["카드번호 {x} 로 결제했는데 두 번 빠졌어요", "이 카드 {x} 로 환불해 주세요", "신용카드 {x} 결제가 안 됩니다"],
    "card-no-context": ["{x} 유효기간 09/28 이에요", "이거 맞나요? {x}"],
    "iban": ["해외 송금은 {x} 로 보내주세요", "독일 계좌 IBAN {x} 입니다"],
    "phone": ["제 번호 {x}로 연락 주세요", "지수 씨 번호는 {x}예요", "{x} 로 문자 주세요", "담당자 연락처 {x}"],
    "email": ["개인 메일 {x} 로 보내 주세요", "그분 메일 주소는 {x} 입니다"],
    "ssn": ["미국 SSN {x} 적어 드릴게요"],
    "kr-rrn": ["주민번호 {x} 입니다", "주민등록번호 {x} 로 조회해 주세요", "어머니 주민번호가 {x} 인데 확인 부탁드려요", "{x} 이 번호로 가입돼 있어요"],
}

PII_NEG_EN = {
    "order-number": lambda: rng.choice(["order #{0}-{1} shipped today", "Order ID {0}{1} still pending", "ticket {0}-{1} closed"]).format(rng.randrange(2019, 2027), d(6)),
    "date": lambda: rng.choice(["see you on {0}-{1:02d}-{2:02d}", "deadline {2:02d}/{1:02d}/{0}", "launch window {0}.{1:02d}.{2:02d} to {0}.{1:02d}.28"]).format(rng.randrange(2020, 2030), rng.randrange(1, 13), rng.randrange(1, 28)),
    "price": lambda: rng.choice(["only ${0},{1}.99 for the bundle", "total 1,{1},{0} KRW incl. tax", "revenue up to $12,{0},{1}"]).format(d(3), d(3)),
    "invalid-luhn": lambda: rng.choice(["gift card code {x}", "my card {x} (typo?)", "ref {x}"]).format(x=card(rng.choice(list(CARD_BRANDS)), valid=False)),
    "invalid-ssn": lambda: rng.choice(["SSN-like test value {x} in the fixtures", "form sample: {x}", "ssn {x} is rejected by the validator"]).format(x=ssn(valid=False)),
    "invalid-iban": lambda: rng.choice(["IBAN {x} (checksum wrong)", "that account {x} bounced as invalid"]).format(x=iban(rng.choice(list(IBAN_BBAN)), valid=False)),
    "tracking-number": lambda: rng.choice(["UPS tracking 1Z{0}{1}", "USPS 9400 1{2} {3} {4} {5} {6}", "FedEx tracking {7}"]).format(pick(string.ascii_uppercase + string.digits, 6), d(10), d(3), d(4), d(4), d(4), d(2), d(12)),
    "version": lambda: rng.choice(["upgraded to v{0}.{1}.{2}", "build {0}.{1}.{2}.{3} fixes the crash", "firmware {0}.{1}.{2}-rc{4}"]).format(rng.randrange(1, 30), rng.randrange(0, 40), rng.randrange(0, 200), d(4), rng.randrange(1, 9)),
    "company-hotline": lambda: rng.choice(["call our support line 1-800-{0}-{1}", "Acme customer service: 1-888-{0}-{1} (24/7)", "toll-free 1-877-{0}-{1} for orders"]).format(nz(3), d(4)),
    "company-email": lambda: rng.choice(["questions? support@hanbit.example", "press inquiries: press@hanbit.example", "send feedback to help@acme-shop.example"]),
}
PII_NEG_KO = {
    "order-number": lambda: rng.choice(["주문번호 {0}-{1} 오늘 발송됐어요", "접수번호 {0}{1} 처리 중입니다"]).format(rng.randrange(2019, 2027), d(6)),
    "date": lambda: rng.choice(["{0}-{1:02d}-{2:02d}에 만나요", "마감은 {0}.{1:02d}.{2:02d}까지입니다"]).format(rng.randrange(2020, 2030), rng.randrange(1, 13), rng.randrange(1, 28)),
    "price": lambda: rng.choice(["세트 가격 1,{0},{1}원", "매출 12,{0},{1}원 달성"]).format(d(3), d(3)),
    "invalid-luhn": lambda: rng.choice(["상품권 번호 {x}", "카드번호 {x} 라고 적었는데 오타 같아요"]).format(x=card(rng.choice(list(CARD_BRANDS)), valid=False)),
    "invalid-ssn": lambda: "테스트용 SSN 형식 {x} 은 검증에서 걸러져요".format(x=ssn(valid=False)),
    "tracking-number": lambda: rng.choice(["송장번호 {0} 조회해 보세요", "운송장 {0}-{1}"]).format(d(12), d(4)),
    "version": lambda: "앱 {0}.{1}.{2} 버전으로 업데이트하세요".format(rng.randrange(1, 30), rng.randrange(0, 40), rng.randrange(0, 200)),
    "company-hotline": lambda: rng.choice(["고객센터 1588-{0} 으로 문의하세요", "대표번호 1644-{0} (평일 9시~6시)", "무료 상담 080-{1}-{0}"]).format(d(4), nz(3)),
}


def pii_rows(lang: str):
    rows = []
    texts = PII_EN if lang == "en" else PII_KO
    en = lang == "en"
    plan = [
        ("card", 24 if en else 14, lambda: card(rng.choice(list(CARD_BRANDS)))),
        ("card-no-context", 10 if en else 6, lambda: card(rng.choice(list(CARD_BRANDS)))),
        ("iban", 16 if en else 6, lambda: iban(rng.choice(list(IBAN_BBAN)))),
        ("email", 12 if en else 8, email),
        ("ssn", 12 if en else 3, ssn),
        ("kr-rrn", 3 if en else 14, resident_number),
    ]
    for kind, n, make in plan:
        for _ in range(n):
            rows.append((1, kind, rng.choice(texts[kind]).format(x=make())))
    for country, forms in PHONES.items():
        n = (6 if country != "KR" else 8) if en else (3 if country != "KR" else 10)
        for i in range(n):
            rows.append((1, f"phone-{country}", rng.choice(texts["phone"]).format(x=forms[i % len(forms)]())))
    for kind, make in (PII_NEG_EN if en else PII_NEG_KO).items():
        for _ in range(9 if en else 7):
            rows.append((0, kind, make()))
    return rows


def write(name: str, lang: str, rows):
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / name, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, delimiter="\t", lineterminator="\n")
        out.writerow(["id", "lang", "label", "kind", "text"])
        for i, (label, kind, text) in enumerate(rows, 1):
            out.writerow([f"{name.split('.')[0]}-{i:03d}", lang, label, kind, text])
    positives = sum(1 for r in rows if r[0] == 1)
    print(f"{OUT / name}: {len(rows)} rows, {positives} positive")


def main():
    # Order matters: one random stream, so a file's bytes depend only on this script.
    write("secrets-en.tsv", "en", secrets_rows("en"))
    write("secrets-ko.tsv", "ko", secrets_rows("ko"))
    write("pii-en.tsv", "en", pii_rows("en"))
    write("pii-ko.tsv", "ko", pii_rows("ko"))


main()
