"""Shared by the functional tests: the real `kenshu` binary on port 0, a real SMTP sink, HTTP helpers and a
factory of valid applications. Python standard library only (and Debian's aiosmtpd, inside the sink).

Each server gets its own temporary directory holding a configuration file with absolute paths, its SQLite
database, its mail folder and a clock file (KENSHU_CLOCK_FILE: empty = real time; `set_clock` moves time).
"""
import email
import email.policy
import http.client
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("KENSHU_SOURCE_DIR") or os.path.abspath(os.path.join(HERE, "..", ".."))
BIN = os.environ.get("KENSHU_BIN") or os.path.join(SOURCE_DIR, "build", "release", "src", "kenshu")
PYTHON = "/usr/bin/python3"
START_TIMEOUT_S = 20


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-cased names
        self.body = body

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    @property
    def error(self):
        """The `error` object of a rejection (code, field, message, request_id, details)."""
        return self.json()["error"]

    def __repr__(self):
        return f"<Response {self.status} {self.body[:300]!r}>"


class Server:
    """`kenshu serve --port 0` in a fresh temporary directory. Use as a context manager or call stop()."""

    def __init__(self, *, smtp_url=None, public_url=None, read_timeout_s=None, idle_timeout_s=None, clock=None,
                 demo=True, current=None, web_root=None, extra_config="", extra_args=(), env=None, directory=None):
        # `directory`: reuse the folder (database, mail, clock) of a server stopped with stop(keep=True).
        self.dir = directory or tempfile.mkdtemp(prefix="kenshu-func-")
        self.mail_dir = os.path.join(self.dir, "mail")
        self.db_path = os.path.join(self.dir, "kenshu.db")
        self.clock_file = os.path.join(self.dir, "clock")
        self.stderr_path = os.path.join(self.dir, "stderr.log")
        if clock:
            self.set_clock(clock)
        web_root = web_root or os.path.join(SOURCE_DIR, "web", "dist")
        config = f"""
[server]
web_root = {json.dumps(web_root)}
[database]
path = {json.dumps(self.db_path)}
[program]
files = [{json.dumps(os.path.join(SOURCE_DIR, "data", "programs", "r7.toml"))}]
demo = {"true" if demo else "false"}
demo_file = {json.dumps(os.path.join(SOURCE_DIR, "data", "programs", "demo.toml"))}
current = {json.dumps(current or "")}
[mail]
mail_dir = {json.dumps(self.mail_dir)}
[paths]
data_dir = {json.dumps(os.path.join(SOURCE_DIR, "data"))}
{extra_config}
"""
        self.config_path = os.path.join(self.dir, "kenshu.toml")
        with open(self.config_path, "w", encoding="utf-8") as f:
            f.write(config)
        args = [BIN, "serve", "--config", self.config_path, "--port", "0"]
        if smtp_url:
            args += ["--smtp-url", smtp_url]
        if public_url:
            args += ["--public-url", public_url]
        if read_timeout_s:
            args += ["--read-timeout-s", str(read_timeout_s)]
        if idle_timeout_s:
            args += ["--idle-timeout-s", str(idle_timeout_s)]
        args += list(extra_args)
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("KENSHU_")}
        full_env["KENSHU_CLOCK_FILE"] = self.clock_file
        full_env.update(env or {})
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(args, cwd=self.dir, stdout=subprocess.PIPE, stderr=self._stderr, env=full_env)
        self.port = self._read_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.stopped = False

    def _read_port(self):
        found = {}

        def reader():
            line = self.proc.stdout.readline().decode("utf-8", "replace")
            found["line"] = line

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        t.join(START_TIMEOUT_S)
        m = re.match(r"listening on http://127\.0\.0\.1:(\d+)", found.get("line", ""))
        if not m:
            self.proc.kill()
            self.proc.wait()
            self.proc.stdout.close()
            self._stderr.close()
            raise RuntimeError(f"kenshu did not start: {found.get('line')!r}\n{self.log(6000)}")
        return int(m.group(1))

    # ---------- lifetime ----------

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop(check=exc[0] is None)

    def stop(self, check=True, timeout=20, keep=False):
        """SIGTERM, wait, and (with check) require exit status 0. Returns the exit status.
        The temporary folder is removed after a clean exit unless `keep` (or KENSHU_KEEP_TEST_DIRS) is set."""
        if self.stopped:
            return self.proc.returncode
        self.stopped = True
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"kenshu did not exit within {timeout}s of SIGTERM\n{self.log(6000)}")
        finally:
            self.proc.stdout.close()
            self._stderr.close()
        if check and rc != 0:
            raise AssertionError(f"kenshu exited {rc} after SIGTERM\n{self.log(6000)}")
        if rc == 0 and not keep and not os.environ.get("KENSHU_KEEP_TEST_DIRS"):
            shutil.rmtree(self.dir, ignore_errors=True)
        return rc

    def alive(self):
        return self.proc.poll() is None

    def log(self, tail=None):
        """The server's stderr (spdlog lines); the last `tail` characters only, if given."""
        try:
            with open(self.stderr_path, "rb") as f:
                text = f.read().decode("utf-8", "replace")
                return text[-tail:] if tail else text
        except OSError:
            return ""

    def set_clock(self, instant):
        """Moves the server's clock: an ISO 8601 instant with offset, e.g. 2025-08-01T09:00:00+09:00."""
        tmp = self.clock_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(instant + "\n")
        os.replace(tmp, self.clock_file)

    # ---------- HTTP ----------

    def request(self, method, path, body=None, headers=None, timeout=15):
        """One request on a fresh connection. A dict or list body is sent as JSON."""
        headers = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode("utf-8")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def program(self, year=None):
        r = self.get("/api/program" + (f"?year={year}" if year else ""))
        assert r.status == 200, r
        return r.json()

    def apply(self, application, headers=None):
        return self.post("/api/applications", application, headers=headers)

    def manage(self, method, token, path="", body=None, headers=None):
        h = {"Authorization": f"Bearer {token}"}
        h.update(headers or {})
        return self.request(method, "/api/manage/application" + path, body=body, headers=h)

    def raw(self, data, timeout=5, read_all=True):
        """Sends raw bytes on a fresh socket and returns what came back before the server closed (or timeout)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(data)
            chunks = []
            try:
                while True:
                    c = s.recv(65536)
                    if not c:
                        break
                    chunks.append(c)
                    if not read_all and b"\r\n\r\n" in b"".join(chunks):
                        break
            except (socket.timeout, ConnectionResetError):
                pass
            return b"".join(chunks)

    # ---------- state, read behind the server's back ----------

    def db(self):
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10)
        return conn

    def count(self, table, where="1=1", args=()):
        with self.db() as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", args).fetchone()[0]

    def state(self):
        """Row counts of every table a public request could change: equal before and after a rejection."""
        tables = ["applications", "hospitals", "members", "preferences", "application_events", "outbox",
                  "idempotency_keys", "program_years", "sessions", "session_changes"]
        conn = self.db()
        try:
            out = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
            out["applications_fingerprint"] = conn.execute(
                "SELECT group_concat(id || status || updated_at, ',') FROM "
                "(SELECT id, status, updated_at FROM applications ORDER BY id)").fetchone()[0]
            return out
        finally:
            conn.close()

    def wait_mail_idle(self, timeout=15):
        """Waits until every mail in the outbox has been delivered (or written as .eml)."""
        wait_for(lambda: self.count("outbox", "sent_at IS NULL AND attempts = 0") == 0, timeout,
                 message="the outbox to be delivered")

    def eml_files(self):
        if not os.path.isdir(self.mail_dir):
            return []
        return sorted(f for f in os.listdir(self.mail_dir) if f.endswith(".eml"))


# ---------- mail ----------

def parse_mail(raw_bytes):
    msg = email.message_from_bytes(raw_bytes, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else msg.get_content()
    return {"to": str(msg["To"]), "subject": str(msg["Subject"]), "body": text, "message": msg,
            "envelope_to": str(msg["X-Envelope-To"] or ""), "connection": str(msg["X-Sink-Peer"] or "")}


def read_mails(directory):
    out = []
    if not os.path.isdir(directory):
        return out
    for name in sorted(os.listdir(directory)):
        if name.endswith(".eml"):
            with open(os.path.join(directory, name), "rb") as f:
                out.append(parse_mail(f.read()))
    return out


def wait_for(predicate, timeout=10, interval=0.05, message="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


class SmtpSink:
    """tests/support/smtp_sink.py: a real SMTP server writing each message it receives to a folder."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="kenshu-smtp-")
        self.proc = subprocess.Popen([PYTHON, os.path.join(SOURCE_DIR, "tests", "support", "smtp_sink.py"), self.dir],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode()
        m = re.match(r"smtp sink on 127\.0\.0\.1:(\d+)", line)
        if not m:
            self.proc.kill()
            raise RuntimeError(f"smtp sink did not start: {line!r}")
        self.port = int(m.group(1))
        self.url = f"smtp://127.0.0.1:{self.port}"

    def mails(self):
        return read_mails(self.dir)

    def wait(self, n, timeout=15):
        return wait_for(lambda: len(self.mails()) >= n and self.mails(), timeout, message=f"{n} mail(s) in the sink")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc.stdout.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


# ---------- valid applications ----------

_counter = itertools.count(1)
_run = random.randrange(10**6)
KANA_DIGITS = "アイウエオカキクケコ"


def kana_number(n):
    return "".join(KANA_DIGITS[int(d)] for d in str(n))


def valid_application(session_ids, *, program_year=None, privacy_version="2025-1", **sections):
    """A valid team of four (doctor, two nurses, clinical engineer) from a hospital no other call uses.
    Keyword arguments replace whole sections (hospital=…, contact=…, members=…, preferences=…, consents=…)."""
    n = next(_counter)
    tag = f"{_run}-{n}"
    app = {
        "hospital": {
            "name": f"試験総合病院{n}号館{_run}",
            "name_kana": "シケンソウゴウビョウイン" + kana_number(n),
            "prefecture_code": 13,
            "postal_code": "100-0001",
            "address": "東京都千代田区千代田1-1",
            "phone": "03-1234-5678",
            "critical_care_center": "advanced",
            "advanced_treatment_hospital": True,
            "ecmo_cases_last_year": {"vv": 12, "va": 30},
        },
        "contact": {
            "name": "山田 太郎",
            "name_kana": "ヤマダ タロウ",
            "department": "救急科",
            "email": f"contact-{tag}@example.jp",
            "phone": "03-1234-5679",
        },
        "members": [
            member("doctor", f"doctor-{tag}@example.jp", "医師 一郎", "イシ イチロウ"),
            member("nurse", f"nurse1-{tag}@example.jp", "看護 花子", "カンゴ ハナコ"),
            member("nurse", f"nurse2-{tag}@example.jp", "看護 次郎", "カンゴ ジロウ"),
            member("clinical_engineer", f"ce-{tag}@example.jp", "工学 三郎", "コウガク サブロウ"),
        ],
        "preferences": {"any_session": False, "session_ids": list(session_ids)},
        "consents": {"privacy_notice_version": privacy_version, "no_recording": True},
    }
    if program_year is not None:
        app["program_year"] = program_year
    app.update(sections)
    return app


def member(profession, email_address, name="構成 員", name_kana="コウセイ イン", years=5, department="ICU"):
    return {"name": name, "name_kana": name_kana, "profession": profession, "department": department,
            "years_of_experience": years, "email": email_address}


def open_session_ids(program):
    return [s["id"] for s in program["sessions"] if s["is_open"]]


class ServerTestCase(unittest.TestCase):
    """A test class sharing one server (started in setUpClass, stopped with exit status 0 checked)."""

    server_options = {}

    @classmethod
    def setUpClass(cls):
        cls.server = Server(**cls.server_options)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def assertError(self, response, status, code, field=None):
        """A rejection with this status and code (and field, if given); never asserts wording."""
        self.assertEqual(response.status, status, response)
        self.assertIn("application/json", response.header("content-type", ""), response)
        err = response.error
        self.assertEqual(err["code"], code, response)
        if field is not None:
            fields = [err.get("field")] + [d.get("field") for d in err.get("details", []) if d.get("code") == code]
            self.assertIn(field, fields, response)
        self.assertTrue(err.get("message"), response)
        self.assertTrue(err.get("request_id"), response)
        return err


TOKEN_RE = re.compile(r"/manage#([A-Za-z0-9_\-]+)")


def mails_to(mails, address):
    return [m for m in mails if address in m["to"]]


def management_link(mail):
    """The management link in a confirmation mail: (full link, token)."""
    m = re.search(r"(\S+/manage#([A-Za-z0-9_\-]+))", mail["body"])
    if not m:
        raise AssertionError(f"no management link in:\n{mail['body']}")
    return m.group(1), m.group(2)


def submit_teams(server, session_id, n=2):
    """n valid applications for one session, submitted; returns their bodies (e-mails of contacts and members)."""
    teams = []
    for _ in range(n):
        application = valid_application([session_id])
        r = server.apply(application)
        assert r.status == 201, r
        teams.append(application)
    return teams


def eml_mails(server):
    return read_mails(server.mail_dir)


def wait_mails(source, address, n=1, timeout=15):
    """Waits until `source()` (a list of parsed mails) holds n mails to `address`; returns them."""
    return wait_for(lambda: len(mails_to(source(), address)) >= n and mails_to(source(), address), timeout,
                    message=f"{n} mail(s) to {address}")


def submit_and_token(server, application, headers=None, mails=None):
    """Submits (expecting 201) and reads the management token from the confirmation mail: in the .eml folder, or
    in `mails()` (e.g. an SMTP sink's)."""
    r = server.apply(application, headers=headers)
    assert r.status == 201, r
    mail = wait_mails(mails or (lambda: eml_mails(server)), application["contact"]["email"])[0]
    return r.json(), management_link(mail)[1]


def parse_raw_response(data):
    """The first HTTP response in raw bytes: (status, lower-cased headers, body) — or (None, {}, b'') if none."""
    head, sep, rest = data.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"HTTP/1."):
        return None, {}, b""
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    n = int(headers.get("content-length", "0"))
    return status, headers, rest[:n]


def catalogue_codes():
    """Every error code `kenshu errors` lists, with its HTTP status."""
    out = subprocess.run([BIN, "errors"], capture_output=True, check=True, text=True).stdout
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\| `([a-z0-9_]+\.[a-z0-9_]+)` \| (\d{3}) \|", out, re.M)}
