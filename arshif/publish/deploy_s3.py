"""Incremental deployment to S3-compatible object storage (``invoke deploy``).

Built on boto3 (AWS's own SDK, which every S3-compatible service — R2, B2,
MinIO, Ceph, rclone — documents), not on a hand-written client and not on
``aws s3 sync``: that compares size and modification time, and Arshif
writes every file of a build anew, so it would upload the whole site.  Here
a file travels only when its *content* differs from the object's:

* the object's ETag is the MD5 of its bytes for a single-part upload, so
  listing the bucket (1,000 objects a request) is enough to compare; every
  file is uploaded in one part (objects are under S3's 5 GB single-PUT
  limit), and its MD5 is also stored in the ``md5`` metadata, read with a
  HEAD request only where a service's ETag is not a plain MD5;
* new and changed files go up first (assets before the pages that use them),
  and what the site no longer has is deleted last, at most ``max_deletes``
  objects unless told otherwise, and never after a failed upload: a bad or
  interrupted deploy never removes a page the archive had.

Credentials come from boto3's standard chain (``AWS_ACCESS_KEY_ID``/
``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``, instance roles), never from the
repository.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DEFAULT_MAX_DELETES = 50
# Long-lived and immutable: names that carry a content hash (Pagefind's
# index files).  HTML is revalidated soon so a correction shows quickly.
HASHED_NAME = re.compile(r"[._-][0-9a-f]{7,}(\.[a-z0-9_]+)+$")
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
CACHE_HTML = "public, max-age=300"
CACHE_OTHER = "public, max-age=3600"
TEXT_TYPES = {".html": "text/html", ".xml": "application/xml", ".js": "text/javascript",
              ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json",
              ".txt": "text/plain", ".webmanifest": "application/manifest+json",
              ".svg": "image/svg+xml"}
BINARY_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
                ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
                ".ico": "image/x-icon", ".zip": "application/zip",
                ".pf_fragment": "application/octet-stream", ".pf_index": "application/octet-stream",
                ".pf_meta": "application/octet-stream", ".pagefind": "application/octet-stream",
                ".wasm": "application/wasm"}
MD5_ETAG = re.compile(r"^[0-9a-f]{32}$")


class DeployError(RuntimeError):
    pass


@dataclass(frozen=True)
class Target:
    bucket: str
    prefix: str  # "" or "archive/" (always ending with '/')

    def key(self, path: str) -> str:
        return self.prefix + path


def parse_target(value: str) -> Target:
    parts = urlsplit(value)
    if parts.scheme != "s3" or not parts.netloc:
        raise DeployError(f"{value!r} is not an s3://BUCKET[/PREFIX] address")
    prefix = parts.path.strip("/")
    return Target(parts.netloc, f"{prefix}/" if prefix else "")


def content_type(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    if suffix in BINARY_TYPES:
        return BINARY_TYPES[suffix]
    guessed = mimetypes.guess_type(path)[0]
    return guessed or "application/octet-stream"


def cache_control(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if HASHED_NAME.search(name):
        return CACHE_IMMUTABLE
    if name.endswith(".html"):
        return CACHE_HTML
    return CACHE_OTHER


def file_md5(path: str) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def local_files(folder: str) -> dict[str, str]:
    """Site path -> absolute path of every file of a built site."""
    found = {}
    for directory, subdirs, names in os.walk(folder):
        subdirs.sort()
        below = os.path.relpath(directory, folder)
        prefix = "" if below == "." else below.replace(os.sep, "/") + "/"
        for name in sorted(names):
            found[prefix + name] = os.path.join(directory, name)
    return found


@dataclass
class Plan:
    upload: list[str] = field(default_factory=list)   # site paths, new or changed
    new: set[str] = field(default_factory=set)
    unchanged: int = 0
    delete: list[str] = field(default_factory=list)   # site paths the site no longer has
    upload_bytes: int = 0


def plan(local: dict[str, str], remote: dict[str, str], digests: dict[str, str]) -> Plan:
    """What to send: ``local`` site paths, ``remote`` site path -> MD5 of the
    object, ``digests`` site path -> MD5 of the local file."""
    result = Plan()
    for path in sorted(local):
        if remote.get(path) == digests[path]:
            result.unchanged += 1
            continue
        result.upload.append(path)
        if path not in remote:
            result.new.add(path)
        result.upload_bytes += os.path.getsize(local[path])
    # Assets before the pages that load them, so no page is ever live
    # before its images, styles and search files.
    result.upload.sort(key=lambda p: (p.endswith(".html"), p))
    result.delete = sorted(set(remote) - set(local))
    return result


@dataclass
class Report:
    uploaded: int = 0
    uploaded_bytes: int = 0
    unchanged: int = 0
    deleted: int = 0
    changed_paths: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.uploaded} uploaded ({self.uploaded_bytes / 1e6:,.1f} MB), "
                f"{self.unchanged} unchanged, {self.deleted} deleted")


def client(endpoint_url: str | None = None):
    import boto3
    from botocore.config import Config

    return boto3.client("s3", endpoint_url=endpoint_url or None,
                        config=Config(retries={"max_attempts": 5, "mode": "standard"},
                                      s3={"addressing_style": "path"} if endpoint_url else None))


def remote_digests(s3, target: Target) -> dict[str, str]:
    """Site path -> MD5 of every object under the target's prefix."""
    found = {}
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=target.bucket, Prefix=target.prefix):
        for item in page.get("Contents", []):
            path = item["Key"][len(target.prefix):]
            etag = item.get("ETag", "").strip('"')
            if not MD5_ETAG.match(etag):  # multipart or a service's own tag
                head = s3.head_object(Bucket=target.bucket, Key=item["Key"])
                metadata = {k.lower(): v for k, v in head.get("Metadata", {}).items()}
                etag = metadata.get("md5", "")
            found[path] = etag
    return found


def deploy(folder: str, target: Target, *, s3=None, endpoint_url: str | None = None,
           dry_run: bool = False, max_deletes: int = DEFAULT_MAX_DELETES,
           changed_list: str | None = None, progress=None, out=None) -> Report:
    """Make the bucket hold exactly ``folder``; see the module docstring."""
    if not os.path.isfile(os.path.join(folder, "index.html")):
        raise DeployError(f"{folder} has no index.html: refusing to deploy it")
    s3 = s3 or client(endpoint_url)
    local = local_files(folder)
    digests = {path: file_md5(full) for path, full in local.items()}
    try:
        remote = remote_digests(s3, target)
    except Exception as exc:  # noqa: BLE001 - botocore raises many kinds; say it in one line
        raise DeployError(f"cannot list s3://{target.bucket}/{target.prefix}: {exc}") from None
    todo = plan(local, remote, digests)
    report = Report(unchanged=todo.unchanged)
    if len(todo.delete) > max_deletes:
        raise DeployError(
            f"the site no longer has {len(todo.delete)} files of the bucket (more than "
            f"--max-deletes {max_deletes}); nothing was changed. If that is right, deploy "
            f"again with --max-deletes {len(todo.delete)}")
    if dry_run:
        report.uploaded, report.uploaded_bytes = len(todo.upload), todo.upload_bytes
        report.deleted = len(todo.delete)
        report.changed_paths = todo.upload + todo.delete
        _write_changed(changed_list, report.changed_paths)
        return report
    failures = []
    for number, path in enumerate(todo.upload, 1):
        try:
            with open(local[path], "rb") as body:
                s3.put_object(Bucket=target.bucket, Key=target.key(path), Body=body,
                              ContentType=content_type(path), CacheControl=cache_control(path),
                              Metadata={"md5": digests[path]})
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{path}: {exc}")
            continue
        report.uploaded += 1
        report.uploaded_bytes += os.path.getsize(local[path])
        report.changed_paths.append(path)
        if progress:
            progress(number, len(todo.upload), report.uploaded_bytes, todo.upload_bytes)
    if failures:
        _write_changed(changed_list, report.changed_paths)
        raise DeployError(f"{len(failures)} upload(s) failed, nothing was deleted "
                          f"(first: {failures[0]}); deploy again")
    for start in range(0, len(todo.delete), 1000):  # DeleteObjects takes 1,000 keys
        batch = todo.delete[start:start + 1000]
        answer = s3.delete_objects(Bucket=target.bucket, Delete={
            "Objects": [{"Key": target.key(p)} for p in batch], "Quiet": True})
        errors = answer.get("Errors", [])
        if errors:
            raise DeployError(f"{len(errors)} deletion(s) failed (first: {errors[0]})")
        report.deleted += len(batch)
        report.changed_paths += batch
    _write_changed(changed_list, report.changed_paths)
    return report


def _write_changed(path: str | None, changed: list[str]) -> None:
    """The paths that changed, one a line: what a CDN must invalidate."""
    if not path:
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(f"/{p}\n" for p in changed)
