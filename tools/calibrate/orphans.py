#!/usr/bin/env python3
"""Measure orphans: connections an application closes while their send queues are full and the peer reads nothing.

Run as root:  python3 tools/calibrate/orphans.py [--connections 50] [--orphan-retries 0] [--out FILE.json]

Two network namespaces joined by a veth pair at MTU 1500 (the host's interfaces and global sysctls are never
touched; net.ipv4.tcp_orphan_retries is set in the client's namespace only). A server accepts and never reads; the
client opens the connections, writes to each until its send buffer is full, waits until nothing moves, then closes
them all at once. It then samples, every 0.2 s, the client namespace's FIN-WAIT-1 sockets (ss -tmi: how many, and
their skmem w), until none is left or the time limit passes, and records when they went. Everything it made is
removed afterwards.
"""
import argparse
import json
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import time

import veth_pair

NS_SRV = "orph-srv-%d" % os.getpid()
NS_CLI = "orph-cli-%d" % os.getpid()
PORT = 7200
# the recording format: the app (fidelity, the replay tests) refuses other versions; bump it when a field changes
PROBE_VERSION = 1


def sh(cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True).stdout


def orphans():
    out = sh(["ip", "netns", "exec", NS_CLI, "ss", "-tmiHnO", "state", "fin-wait-1"], check=False)
    ws = [int(m.group(1)) for m in re.finditer(r"skmem:\(r\d+,rb\d+,t\d+,tb\d+,f\d+,w(\d+)", out)]
    return ws


def serve(ready):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("10.202.0.1", PORT))
    ls.listen(4096)
    open(ready, "w").close()
    held = []
    while True:
        c, _ = ls.accept()
        held.append(c)


def client(n, ready, go):
    held = []
    for _ in range(n):
        s = socket.socket()
        s.connect(("10.202.0.1", PORT))
        s.setblocking(False)
        held.append(s)
    chunk = b"x" * 65536
    # write until every send buffer is full and stays full, as an event-driven application does (and probe.py's
    # writers): write only when poll() reports POLLOUT, i.e. the kernel woke the writer (sk_stream_write_space():
    # sk_wmem_queued at most 2/3 of sk_sndbuf), never by retrying send() on a timer
    poller = select.poll()
    by_fd = {s.fileno(): s for s in held}
    for fd in by_fd:
        poller.register(fd, select.POLLOUT)
    quiet = 0
    while quiet < 5:
        moved = 0
        for fd, _ in poller.poll(50):
            s = by_fd[fd]
            try:
                while True:
                    moved += s.send(chunk)
            except BlockingIOError:
                pass
        quiet = quiet + 1 if moved == 0 else 0
    open(ready, "w").close()
    while not os.path.exists(go):
        time.sleep(0.01)
    for s in held:
        s.close()
    open(go + ".closed", "w").write(repr(time.time()))
    time.sleep(3600)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--orphan-retries", type=int, default=0)
    # past the kernel's default orphan lifetime (343 s measured with tcp_orphan_retries 0): a run that stops
    # watching earlier records no lifetime, and fidelity refuses it
    ap.add_argument("--limit-seconds", type=float, default=600)
    ap.add_argument("--out")
    ap.add_argument("--role", help=argparse.SUPPRESS)
    ap.add_argument("--ready", help=argparse.SUPPRESS)
    ap.add_argument("--go", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.role == "server":
        return serve(a.ready)
    if a.role == "client":
        return client(a.connections, a.ready, a.go)
    if os.geteuid() != 0:
        sys.exit("error: run as root (it creates network namespaces)")
    tmp = tempfile.mkdtemp(prefix="orph-")
    procs = []
    try:
        veth_pair.create(NS_SRV, NS_CLI, "orp", "10.202.0")
        sh(["ip", "netns", "exec", NS_CLI, "sysctl", "-q", "-w", "net.ipv4.tcp_orphan_retries=%d" % a.orphan_retries])
        # what the client's sockets get (they do not set TCP_CONGESTION): it sizes their send buffers
        cc = sh(["ip", "netns", "exec", NS_CLI, "sysctl", "-n", "net.ipv4.tcp_congestion_control"]).strip()
        sready, cready, go = (os.path.join(tmp, x) for x in ("sready", "cready", "go"))
        me = os.path.abspath(__file__)
        procs.append(subprocess.Popen(["ip", "netns", "exec", NS_SRV, sys.executable, me, "--role", "server",
                                       "--ready", sready]))
        while not os.path.exists(sready):
            time.sleep(0.05)
        procs.append(subprocess.Popen(["ip", "netns", "exec", NS_CLI, sys.executable, me, "--role", "client",
                                       "--connections", str(a.connections), "--ready", cready, "--go", go]))
        while not os.path.exists(cready):
            time.sleep(0.05)
        before = sh(["ip", "netns", "exec", NS_CLI, "ss", "-tmiHnO", "state", "established"])
        w_before = [int(m.group(1)) for m in re.finditer(r"skmem:\(r\d+,rb\d+,t\d+,tb\d+,f\d+,w(\d+)", before)]
        rto_before = [float(m.group(1)) for m in re.finditer(r"\brto:([\d.]+)", before)]
        rtt_before = [float(m.group(1)) for m in re.finditer(r"\brtt:([\d.]+)/", before)]
        open(go, "w").close()
        while not os.path.exists(go + ".closed"):
            time.sleep(0.01)
        closed_at = float(open(go + ".closed").read())
        samples = []
        while True:
            t = time.time() - closed_at
            ws = orphans()
            samples.append({"t": round(t, 2), "orphans": len(ws), "wMean": (sum(ws) / len(ws)) if ws else 0})
            if not ws or t > a.limit_seconds:
                break
            time.sleep(0.2)
        gone = next((s["t"] for s in samples if s["orphans"] == 0), None)
        result = {"probeVersion": PROBE_VERSION, "kernel": os.uname().release, "mtu": 1500,
                  "connections": a.connections,
                  "tcpOrphanRetries": a.orphan_retries, "congestionControl": cc,
                  "sendQueueBeforeClose": {"count": len(w_before), "wMean": sum(w_before) / max(1, len(w_before)),
                                           "rtoMsMean": sum(rto_before) / max(1, len(rto_before)),
                                           "rttMsMean": sum(rtt_before) / max(1, len(rtt_before))},
                  "firstSample": samples[0], "allGoneSeconds": gone, "samples": samples}
        text = json.dumps(result, indent=1)
        if a.out:
            with open(a.out, "w") as f:
                f.write(text + "\n")
        print(json.dumps({k: v for k, v in result.items() if k != "samples"}, indent=1))
    finally:
        for p in procs:
            p.kill()
            p.wait()
        veth_pair.delete(NS_SRV, NS_CLI)
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
