#!/usr/bin/env python3
"""A ZEC client written apart from zec-api (standard library only), for checking that the mock
server serves clients other than ours. It signs as the signing docs describe, with the content
type `application/json; charset=utf-8` as the official SDKs send it.

usage: foreign_client.py ENDPOINT ACCESS_KEY_ID ACCESS_KEY_SECRET
Prints one line per call: the HTTP status and the answer's code (or "ok").
"""
import hashlib
import hmac
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def call(endpoint, key_id, secret, action, body, tamper=False):
    payload = json.dumps(body, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    content_type = "application/json; charset=utf-8"
    host = urllib.parse.urlparse(endpoint).netloc
    canonical = "POST\n/\n\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s" % (
        content_type.lower(), host.lower(), hashlib.sha256(payload).hexdigest())
    to_sign = "ZC2-HMAC-SHA256\n%s\n%s" % (timestamp, hashlib.sha256(canonical.encode()).hexdigest())
    signature = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    if tamper:
        payload = payload.replace(b"}", b',"extra":1}', 1)
    request = urllib.request.Request(endpoint + "/api/v2/zec", data=payload, method="POST", headers={
        "Content-Type": content_type,
        "X-ZC-Action": action,
        "X-ZC-Version": "2025-09-01",
        "X-ZC-Timestamp": timestamp,
        "X-ZC-Signature-Method": "ZC2-HMAC-SHA256",
        "Authorization": "ZC2-HMAC-SHA256 Credential=%s, SignedHeaders=content-type;host, Signature=%s"
        % (key_id, signature),
    })
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            status, text = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read()
    document = json.loads(text)
    print(status, document.get("code", "ok"))


def main():
    endpoint, key_id, secret = sys.argv[1:4]
    body = {"eipIds": ["eip-1"], "natId": "nat-1"}
    call(endpoint, key_id, secret, "AssociateEipAddress", body)
    call(endpoint, key_id, secret, "AssociateEipAddress", body, tamper=True)
    call(endpoint, key_id, secret, "DescribeSnapshots", {"pageNum": 1, "pageSize": 10})


if __name__ == "__main__":
    main()
