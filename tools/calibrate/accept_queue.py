#!/usr/bin/env python3
"""Measure connections that wait in a listener's accept queue: what they hold, and when a memory cgroup pays.

Run as root:  python3 tools/calibrate/accept_queue.py [--connections 100] [--backlog 511] [--out FILE.json]

It creates two network namespaces joined by a veth pair at MTU 1500 (the host's interfaces and global sysctls
are never touched), a cgroup-v1 memory cgroup with its own memory.kmem.tcp.limit_in_bytes (1 GiB: far above
what the case holds; setting it is what makes the kernel account TCP memory to the cgroup), starts a server in
the cgroup that listens with the given backlog and does not accept, and a client that opens the connections
and writes to each until its socket is full. It records, while nothing is accepted and again after the server
accepts everything: the server side's per-socket skmem (ss -tmi), the change in /proc/net/sockstat TCP mem
pages, and the cgroup's TCP usage. Everything it made is removed afterwards.
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

import veth_pair

NS_SRV = "acq-srv-%d" % os.getpid()
NS_CLI = "acq-cli-%d" % os.getpid()
CG_ROOT = "/sys/fs/cgroup/memory"
PORT = 7100
# the recording format: the app (fidelity, the replay tests) refuses other versions; bump it when a field changes
PROBE_VERSION = 1


def sh(cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True).stdout


def sockstat_pages():
    with open("/proc/net/sockstat") as f:
        m = re.search(r"^TCP:.* mem (\d+)", f.read(), re.M)
    return int(m.group(1))


def cg_read(cg, name):
    with open(os.path.join(cg, name)) as f:
        return int(f.read().strip())


def server_sockets(port):
    out = sh(["ip", "netns", "exec", NS_SRV, "ss", "-tmiHnO", "state", "established", "( sport = :%d )" % port])
    socks = []
    for line in out.splitlines():
        m = re.search(r"skmem:\(r(\d+),rb(\d+),t(\d+),tb(\d+),f(\d+),w(\d+)", line)
        if m:
            r, rb, t, tb, f, w = map(int, m.groups())
            socks.append({"r": r, "rb": rb, "t": t, "tb": tb, "f": f, "w": w})
    return socks


def summary(socks):
    if not socks:
        return {"count": 0}
    pages = [-(-(s["r"] + s["w"] + s["f"]) // 4096) for s in socks]
    return {"count": len(socks), "rMean": sum(s["r"] for s in socks) / len(socks),
            "rbMean": sum(s["rb"] for s in socks) / len(socks), "fMean": sum(s["f"] for s in socks) / len(socks),
            "pagesPerSocketMean": sum(pages) / len(pages)}


def serve(backlog, ready, go):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("10.201.0.1", PORT))
    ls.listen(backlog)
    open(ready, "w").close()
    while not os.path.exists(go):
        time.sleep(0.05)
    ls.setblocking(False)
    held = []
    while True:
        try:
            c, _ = ls.accept()
            held.append(c)
        except BlockingIOError:
            time.sleep(0.2)
            try:
                c, _ = ls.accept()
                held.append(c)
                continue
            except BlockingIOError:
                break
    open(go + ".done", "w").write(str(len(held)))
    signal.pause()


def client(n, ready):
    held = []
    payload = b"x" * (1 << 20)
    for _ in range(n):
        s = socket.socket()
        s.settimeout(1.0)
        try:
            s.connect(("10.201.0.1", PORT))
        except OSError:
            s.close()
            continue
        s.setblocking(False)
        try:
            s.send(payload)
        except BlockingIOError:
            pass
        held.append(s)
    open(ready, "w").write(str(len(held)))
    # keep writing what the peer takes, so each receive queue fills whatever the window allows
    for _ in range(20):
        for s in held:
            try:
                s.send(payload)
            except (BlockingIOError, OSError):
                pass
        time.sleep(0.1)
    signal.pause()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--connections", type=int, default=100)
    ap.add_argument("--backlog", type=int, default=511)
    ap.add_argument("--out")
    ap.add_argument("--role", help=argparse.SUPPRESS)
    ap.add_argument("--ready", help=argparse.SUPPRESS)
    ap.add_argument("--go", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.role == "server":
        return serve(a.backlog, a.ready, a.go)
    if a.role == "client":
        return client(a.connections, a.ready)
    if os.geteuid() != 0:
        sys.exit("error: run as root (it creates network namespaces and a memory cgroup)")
    tmp = tempfile.mkdtemp(prefix="acq-")
    cg = os.path.join(CG_ROOT, "tcpmem-acq-%d" % os.getpid())
    procs = []
    try:
        veth_pair.create(NS_SRV, NS_CLI, "acq", "10.201.0")
        os.mkdir(cg)
        with open(os.path.join(cg, "memory.kmem.tcp.limit_in_bytes"), "w") as f:
            f.write(str(1 << 30))
        base = sockstat_pages()
        sready, cready, go = (os.path.join(tmp, x) for x in ("sready", "cready", "go"))
        me = os.path.abspath(__file__)
        # join the cgroup first, then enter the namespace: inside `ip netns exec` /sys is the namespace's own
        procs.append(subprocess.Popen(["sh", "-c", "echo $$ > %s/cgroup.procs && exec ip netns exec %s %s %s "
                                       "--role server --backlog %d --ready %s --go %s"
                                       % (cg, NS_SRV, sys.executable, me, a.backlog, sready, go)]))
        while not os.path.exists(sready):
            time.sleep(0.05)
        procs.append(subprocess.Popen(["ip", "netns", "exec", NS_CLI, sys.executable, me, "--role", "client",
                                       "--connections", str(a.connections), "--ready", cready]))
        while not os.path.exists(cready) or not open(cready).read():
            time.sleep(0.05)
        time.sleep(3)
        before = {"established": summary(server_sockets(PORT)), "sockstatDeltaPages": sockstat_pages() - base,
                  "cgroupTcpUsageBytes": cg_read(cg, "memory.kmem.tcp.usage_in_bytes"),
                  "clientConnected": int(open(cready).read())}
        open(go, "w").close()
        while not os.path.exists(go + ".done"):
            time.sleep(0.05)
        time.sleep(1)
        after = {"established": summary(server_sockets(PORT)), "sockstatDeltaPages": sockstat_pages() - base,
                 "cgroupTcpUsageBytes": cg_read(cg, "memory.kmem.tcp.usage_in_bytes"),
                 "accepted": int(open(go + ".done").read())}
        result = {"probeVersion": PROBE_VERSION, "kernel": os.uname().release, "mtu": 1500,
                  "connections": a.connections, "backlog": a.backlog,
                  "somaxconn": int(sh(["ip", "netns", "exec", NS_SRV, "sysctl", "-n", "net.core.somaxconn"])),
                  "tcpRmem": sh(["ip", "netns", "exec", NS_SRV, "sysctl", "-n", "net.ipv4.tcp_rmem"]).split(),
                  "waiting": before, "afterAccept": after}
        text = json.dumps(result, indent=2)
        if a.out:
            with open(a.out, "w") as f:
                f.write(text + "\n")
        print(text)
    finally:
        for p in procs:
            p.kill()
            p.wait()
        veth_pair.delete(NS_SRV, NS_CLI)
        for _ in range(50):
            try:
                os.rmdir(cg)
                break
            except OSError:
                time.sleep(0.1)
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
