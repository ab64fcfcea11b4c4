#!/usr/bin/env python3
"""What rust-analyzer makes of zec-api in a user's crate.

Writes a small crate under target/ide-check that uses zec-api as the README shows, then:
1. runs `rust-analyzer analysis-stats` on it and prints how many of its expressions have a type
   rust-analyzer could not infer (`??ty`), only partly inferred (`?ty`) or found mismatched (`!ty`);
2. starts rust-analyzer as a language server and asks for completions after `client.` and
   after the calls of three actions, and checks what it offers (the setters; `stream` only on
   a list action, `send_and_wait` only on an asynchronous one).

Needs `rust-analyzer` (`rustup component add rust-analyzer rust-src`). Exits 1 when an
expression is left untyped or an expected completion is missing.

Usage: scripts/ide_check.py
"""

import json
import os
import pathlib
import queue
import re
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CRATE = ROOT / "target" / "ide-check"

MAIN = """//! A user crate: the calls of the README, against the mock server.
use futures_util::StreamExt;
use zec_api::mock::MockServer;
use zec_api::{Error, WaitOptions};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await?;
    let client = server.client()?;
    let bound = client
        .associate_eip_address()
        .eip_ids(vec!["eip-1".to_string()])
        .nic_id("nic-1")
        .lan_ip("10.0.0.2")
        .send()
        .await?;
    let failed: Option<Vec<String>> = bound.failed_eip_ids;
    println!("{failed:?}");
    match client.associate_eip_address().nat_id("nat-1").send().await {
        Err(Error::Validation(v)) => println!("{}", v.violations.len()),
        other => println!("{other:?}"),
    }
    let mut instances = client.describe_instances().page_size(2).stream();
    while let Some(instance) = instances.next().await {
        let id: Option<String> = instance?.instance_id;
        println!("{id:?}");
    }
    let done = client
        .create_snapshot()
        .disk_id("disk-1")
        .snapshot_name("nightly")
        .send_and_wait(WaitOptions::default())
        .await?;
    println!("{:?} {:?}", done.response.snapshot_id, done.states);
    Ok(())
}
"""

MANIFEST = f"""[package]
name = "ide-check"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
zec-api = {{ path = "{ROOT / 'zec-api'}", features = ["mock"] }}
futures-util = {{ version = "0.3", default-features = false }}
tokio = {{ version = "1", features = ["macros", "rt-multi-thread"] }}

[workspace]
"""


# After each text: completions that must be offered, and some that must not.
EXPECTED = {
    "client.": (["associate_eip_address", "describe_instances", "create_zec_instances", "send"], []),
    "client.associate_eip_address().": (
        ["eip_ids", "nic_id", "lan_ip", "bind_type", "send", "request"],
        ["stream", "send_and_wait"],
    ),
    "client.describe_instances().": (["page_size", "instance_ids", "send", "stream"], ["send_and_wait"]),
    "client.create_zec_instances().": (["zone_id", "instance_count", "send", "send_and_wait"], ["stream"]),
}


def write_crate():
    (CRATE / "src").mkdir(parents=True, exist_ok=True)
    (CRATE / "Cargo.toml").write_text(MANIFEST)
    (CRATE / "src" / "main.rs").write_text(MAIN)
    lock = ROOT / "Cargo.lock"
    if lock.exists() and not (CRATE / "Cargo.lock").exists():
        (CRATE / "Cargo.lock").write_text(lock.read_text())


def analysis_stats():
    """The `exprs` and `pats` lines of `analysis-stats` for the crate's own code."""
    started = time.time()
    out = subprocess.run(
        ["rust-analyzer", "analysis-stats", "--only", "main", str(CRATE)],
        capture_output=True,
        text=True,
        errors="replace",
    )
    text = (out.stdout + out.stderr).replace("\r", "\n")
    pattern = r"(exprs|pats): (\d+), \?\?ty: (\d+) \(\d+%\), \?ty: (\d+) \(\d+%\), !ty: (\d+)"
    found = {m[0]: tuple(int(x) for x in m[1:]) for m in re.findall(pattern, text)}
    if "exprs" not in found:
        sys.exit(f"analysis-stats printed no statistics (exit {out.returncode}):\n{text[-2000:]}")
    print(f"analysis-stats ({time.time() - started:.0f} s):")
    for kind, (total, unknown, partial, mismatched) in found.items():
        print(f"  {kind}: {total}, untyped {unknown}, partly typed {partial}, mismatched {mismatched}")
    return all(v[1] == 0 and v[2] == 0 and v[3] == 0 for v in found.values())


class Server:
    """rust-analyzer over stdio, just enough of the protocol for completions."""

    def __init__(self):
        self.proc = subprocess.Popen(
            ["rust-analyzer"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=CRATE,
        )
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length is None:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _write(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, deadline):
        self.next_id += 1
        self._write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m, deadline)

    def wait(self, matches, deadline):
        while time.time() < deadline:
            try:
                message = self.messages.get(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                break
            if "method" in message and "id" in message:
                # A request from the server (configuration, progress): answer it with nothing.
                self._write({"jsonrpc": "2.0", "id": message["id"], "result": None})
                continue
            if matches(message):
                return message
        return None

    def close(self):
        self.proc.kill()


def completions():
    """Labels offered after `client.` and after `client.associate_eip_address().`."""
    uri = (CRATE / "src" / "main.rs").as_uri()
    probes = {name: f"    {name}\n" for name in EXPECTED}
    server = Server()
    deadline = time.time() + 900
    try:
        server.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": CRATE.as_uri(),
                "capabilities": {
                    "textDocument": {"completion": {"completionItem": {}}},
                    "experimental": {"serverStatusNotification": True},
                    "window": {"workDoneProgress": True},
                },
            },
            deadline,
        )
        server.notify("initialized", {})
        quiet = server.wait(
            lambda m: m.get("method") == "experimental/serverStatus"
            and m["params"].get("quiescent"),
            deadline,
        )
        if quiet is None:
            sys.exit("rust-analyzer did not finish loading the crate")
        results = {}
        for version, (name, line) in enumerate(probes.items(), start=1):
            text = "async fn probe(client: zec_api::Client) {\n" + line + "}\n"
            if version == 1:
                server.notify(
                    "textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "rust", "version": 1, "text": text}},
                )
            else:
                server.notify(
                    "textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
                )
            position = {"line": 1, "character": len(line.rstrip("\n"))}
            labels = []
            for _ in range(30):
                answer = server.request(
                    "textDocument/completion",
                    {"textDocument": {"uri": uri}, "position": position},
                    deadline,
                )
                result = (answer or {}).get("result") or []
                items = result.get("items", []) if isinstance(result, dict) else result
                labels = [i.get("filterText") or i["label"] for i in items]
                if labels:
                    break
                time.sleep(1)
            results[name] = labels
        return results
    finally:
        server.close()


def main():
    write_crate()
    ok = analysis_stats()
    results = completions()
    for probe, labels in results.items():
        shown = sorted(set(labels))
        wanted, unwanted = EXPECTED[probe]
        print(f"completions after `{probe}`: {len(shown)}, among them {', '.join(wanted)}")
        missing = [e for e in wanted if e not in shown]
        wrong = [e for e in unwanted if e in shown]
        if missing or wrong:
            print(f"  missing: {missing}; offered but should not be: {wrong}; offered: {shown[:40]}")
            ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
