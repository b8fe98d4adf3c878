#!/usr/bin/env python3
"""TCP Memory Explorer - kernel calibration probe.

Measures what the running Linux kernel really does with TCP socket memory for a
scenario described in a case file (tools/calibrate/cases/*.json) and writes a
recording (src/test/resources/calibration/<case>.json) that the model tests replay.

Needs root (creates network namespaces).  Python 3 standard library only, plus
the `ip` and `ss` tools from iproute2.

Safety:
  * never writes a global sysctl: sysctls are only written with
    `ip netns exec <our namespace> sysctl -w`, only for an allow-list of
    per-namespace keys, and only after checking that the namespace is not the
    host's network namespace;
  * never touches host interfaces: veth pairs are created directly between two
    namespaces the probe created (`ip link add ... netns A type veth peer ... netns B`);
  * refuses a case whose estimated worst-case memory exceeds 25% of the host's
    tcp_mem[1] (pressure line), and aborts a running case if the node-wide
    sockstat TCP mem rises by more than that budget;
  * deletes its namespaces (and thus every socket) on exit, error or signal.

Usage:  sudo python3 tools/calibrate/probe.py tools/calibrate/cases/*.json
        python3 tools/calibrate/probe.py --dry-run tools/calibrate/cases/*.json
"""

import argparse
import atexit
import json
import os
import re
import resource
import selectors
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "src", "test", "resources", "calibration")
PROBE_VERSION = 1

BUDGET_FRACTION = 0.25          # of tcp_mem[1]
NS_PREFIX = "calib-"
# cgroup-v1 memory hierarchy: pressure cases run their pod's workers in a fresh child cgroup there with its own
# memory.kmem.tcp.limit_in_bytes (per-cgroup TCP pressure; the global tcp_mem is never touched)
MEMCG_V1_ROOT = "/sys/fs/cgroup/memory"
MEMCG_PREFIX = "tcpmem-calib-"
MEMCG_FILES = {"usage_bytes": "memory.kmem.tcp.usage_in_bytes", "max_usage_bytes": "memory.kmem.tcp.max_usage_in_bytes",
               "failcnt": "memory.kmem.tcp.failcnt", "limit_bytes": "memory.kmem.tcp.limit_in_bytes"}

# namespaced sysctls the probe may set (inside its own namespaces only)
ALLOWED_SYSCTL = re.compile(r"^net\.ipv4\.(tcp_[a-z0-9_]+|ip_local_port_range)$|^net\.core\.somaxconn$")
FORBIDDEN_SYSCTL = {"net.ipv4.tcp_mem", "net.core.rmem_max", "net.core.wmem_max", "net.core.rmem_default",
                    "net.core.wmem_default", "net.core.mem_pcpu_rsv", "net.ipv4.tcp_max_orphans"}

# sysctls read back inside each namespace (one grep over all files)
READ_SYSCTLS = [
    "net/ipv4/tcp_rmem", "net/ipv4/tcp_wmem", "net/ipv4/tcp_mem", "net/core/rmem_max", "net/core/wmem_max",
    "net/core/rmem_default", "net/core/wmem_default", "net/core/optmem_max", "net/core/somaxconn",
    "net/ipv4/tcp_adv_win_scale", "net/ipv4/tcp_app_win", "net/ipv4/tcp_moderate_rcvbuf",
    "net/ipv4/tcp_congestion_control", "net/ipv4/tcp_notsent_lowat", "net/ipv4/tcp_window_scaling",
    "net/ipv4/tcp_limit_output_bytes", "net/ipv4/tcp_slow_start_after_idle", "net/ipv4/tcp_shrink_window",
    "net/ipv4/tcp_available_congestion_control", "net/ipv4/tcp_rmem", "net/core/mem_pcpu_rsv",
]
HOST_SYSCTLS = ["net/ipv4/tcp_mem", "net/core/rmem_max", "net/core/wmem_max", "net/core/rmem_default",
                "net/core/wmem_default", "net/core/mem_pcpu_rsv", "net/ipv4/tcp_rmem", "net/ipv4/tcp_wmem",
                "net/ipv4/tcp_congestion_control", "net/ipv4/tcp_available_congestion_control"]

SKMEM_KEYS = ["r", "rb", "t", "tb", "f", "w", "o", "bl", "d"]
AGG_KEYS = SKMEM_KEYS + ["charged", "charged_pages", "rcv_space", "rcv_ssthresh", "rtt", "rttvar", "cwnd", "mss",
                         "advmss", "rcvmss", "snd_wnd", "rcv_wnd", "wscale_snd", "wscale_rcv", "notsent",
                         "unacked", "bytes_acked", "bytes_received", "ssthresh", "pmtu", "minrtt"]

# ---------------------------------------------------------------------------------------------
# small helpers


def sh(args, check=True, input=None):
    r = subprocess.run(args, capture_output=True, text=True, input=input)
    if check and r.returncode != 0:
        raise RuntimeError("command failed: %s\n%s%s" % (" ".join(args), r.stdout, r.stderr))
    return r.stdout


def read_sysctls(paths, ns=None):
    """One grep over all files: returns {'net.ipv4.tcp_rmem': '4096 131072 33554432', ...}."""
    files = ["/proc/sys/" + p for p in dict.fromkeys(paths)]
    cmd = ["grep", "-H", ".", *files]
    if ns:
        cmd = ["ip", "netns", "exec", ns] + cmd
    out = sh(cmd, check=False)
    res = {}
    for line in out.splitlines():
        f, _, v = line.partition(":")
        res[f[len("/proc/sys/"):].replace("/", ".")] = " ".join(v.split())
    return res


def read_sockstat():
    with open("/proc/net/sockstat") as fh:
        txt = fh.read()
    m = re.search(r"TCP: inuse (\d+) orphan (\d+) tw (\d+) alloc (\d+) mem (\d+)", txt)
    return {"inuse": int(m.group(1)), "orphan": int(m.group(2)), "tw": int(m.group(3)),
            "alloc": int(m.group(4)), "mem_pages": int(m.group(5))}


def netstat_counters(ns):
    """Per-netns TcpExt counters of interest."""
    out = sh(["ip", "netns", "exec", ns, "cat", "/proc/net/netstat"], check=False)
    lines = out.splitlines()
    res = {}
    for i in range(0, len(lines) - 1, 2):
        keys, vals = lines[i].split(), lines[i + 1].split()
        if keys and keys[0] == "TcpExt:":
            for k, v in zip(keys[1:], vals[1:]):
                if k in ("TCPRcvQDrop", "PruneCalled", "RcvPruned", "OfoPruned", "TCPMemoryPressures",
                         "TCPMemoryPressuresChrono", "TCPAbortOnMemory", "TCPBacklogDrop", "TCPZeroWindowDrop",
                         "TCPToZeroWindowAdv", "TCPFromZeroWindowAdv", "TCPWantZeroWindowAdv", "TCPRcvCollapsed",
                         "TCPRcvCoalesce", "TCPOFOQueue", "TCPOFODrop"):
                    res[k] = int(v)
    return res


def read_memcg(path):
    """The cgroup's TCP counters (bytes; failcnt = charges refused at the limit), read from the host's /sys."""
    res = {}
    for k, f in MEMCG_FILES.items():
        with open(os.path.join(path, f)) as fh:
            res[k] = int(fh.read().strip())
    return res


def cgroup_v2_memory():
    """Whether a cgroup-v2 hierarchy with the memory controller is mounted (memory.max cases need it)."""
    with open("/proc/mounts") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) > 2 and parts[2] == "cgroup2":
                try:
                    with open(os.path.join(parts[1], "cgroup.controllers")) as c:
                        if "memory" in c.read().split():
                            return parts[1]
                except OSError:
                    pass
    return None


def host_info():
    with open("/proc/meminfo") as fh:
        mem = fh.read()
    memtotal = int(re.search(r"MemTotal:\s+(\d+) kB", mem).group(1))
    sysc = read_sysctls(HOST_SYSCTLS)
    return {
        "kernel": os.uname().release,
        "machine": os.uname().machine,
        "page_size": os.sysconf("SC_PAGE_SIZE"),
        "ncpus": os.cpu_count(),
        "mem_total_kb": memtotal,
        "tcp_mem": [int(x) for x in sysc["net.ipv4.tcp_mem"].split()],
        "sysctls": sysc,
        "cgroup_v1_memory": os.path.exists(os.path.join(MEMCG_V1_ROOT, MEMCG_FILES["limit_bytes"])),
        "cgroup_v2_memory": cgroup_v2_memory(),
    }


# ---------------------------------------------------------------------------------------------
# ss parsing

_num = re.compile(r"^-?\d+(\.\d+)?$")


def parse_ss(out):
    """Parse `ss -tmiHnO` output (one socket per line)."""
    socks = []
    for line in out.splitlines():
        line = line.strip()
        if not line:
            continue
        parts = line.split()
        # State Recv-Q Send-Q Local Peer  (state omitted when filtering on a state)
        if parts[0] in ("ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "LAST-ACK",
                        "LISTEN", "CLOSING", "TIME-WAIT", "UNCONN"):
            state, parts = parts[0], parts[1:]
        else:
            state = "ESTAB"
        d = {"state": state, "recvq": int(parts[0]), "sendq": int(parts[1]), "local": parts[2], "peer": parts[3],
             "raw": line}
        d["lport"] = int(parts[2].rsplit(":", 1)[1])
        d["pport"] = int(parts[3].rsplit(":", 1)[1])
        d["laddr"] = parts[2].rsplit(":", 1)[0]
        d["paddr"] = parts[3].rsplit(":", 1)[0]
        rest = parts[4:]
        for tok in rest:
            if tok.startswith("skmem:("):
                for kv in tok[len("skmem:("):-1].split(","):
                    m = re.match(r"([a-z]+)(\d+)", kv)
                    if m:
                        d[m.group(1)] = int(m.group(2))
            elif tok.startswith("wscale:"):
                a, b = tok[7:].split(",")
                d["wscale_snd"], d["wscale_rcv"] = int(a), int(b)
            elif tok.startswith("rtt:"):
                a, b = tok[4:].split("/")
                d["rtt"], d["rttvar"] = float(a), float(b)
            elif ":" in tok:
                k, v = tok.split(":", 1)
                if _num.match(v):
                    d[k] = float(v) if "." in v else int(v)
                else:
                    d.setdefault("flags", []).append(tok)
            elif tok in ("cubic", "bbr", "reno"):
                d["cc"] = tok
            else:
                d.setdefault("flags", []).append(tok)
        if "r" in d:
            d["charged"] = d["r"] + d["w"] + d["f"]
            d["charged_pages"] = d["charged"] / 4096.0
        socks.append(d)
    return socks


def ss_ns(ns):
    return parse_ss(sh(["ip", "netns", "exec", ns, "ss", "-tmiHnO", "state", "established"], check=False))


def aggregate(socks, nraw=3):
    agg = {"count": len(socks)}
    for k in AGG_KEYS:
        vals = [s[k] for s in socks if k in s]
        if vals:
            vals.sort()
            agg[k] = {"min": vals[0], "median": statistics.median(vals), "max": vals[-1],
                      "mean": round(sum(vals) / len(vals), 3)}
    if socks:
        agg["sum_charged_bytes"] = sum(s.get("charged", 0) for s in socks)
        agg["sum_r"] = sum(s.get("r", 0) for s in socks)
        agg["sum_w"] = sum(s.get("w", 0) for s in socks)
        agg["sum_f"] = sum(s.get("f", 0) for s in socks)
        agg["cc"] = sorted({s.get("cc", "?") for s in socks})
    # raw lines: smallest, median and largest socket by charged memory
    srt = sorted(socks, key=lambda s: s.get("charged", 0))
    picks = []
    if srt:
        for i in sorted({0, len(srt) // 2, len(srt) - 1})[:nraw]:
            picks.append(srt[i]["raw"])
    agg["raw"] = picks
    return agg


# ---------------------------------------------------------------------------------------------
# worker (runs inside a namespace)

CHUNK = 65536


class Worker:
    """role 'server' or 'client'. cfg: {'role', 'groups': [...], 'max_seconds'} where each group has
    port, addr (server address to connect to / bind), count, pattern, sockopts for this side."""

    def __init__(self, cfg):
        self.cfg = cfg
        self.role = cfg["role"]
        self.sel = selectors.DefaultSelector()
        self.conns = {}       # fd -> dict(sock, group, sent, recvd, eagain)
        self.groups = cfg["groups"]
        self.stats = [{"name": g["name"], "connections": 0, "bytes_sent": 0, "bytes_received": 0,
                       "writers_ever_blocked": 0, "writers_blocked_at_end": 0, "writers_done": 0, "sockopt_before": None, "sockopt_after": []}
                      for g in self.groups]
        self.buf = memoryview(bytearray(b"x" * CHUNK))
        self.rbuf = bytearray(1 << 20)
        self.started = False   # traffic starts on the "start" command (after the pre-traffic snapshot)
        self.stdin_buf = b""
        self.running = True

    def out(self, obj):
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    @staticmethod
    def getbufs(s):
        return {"SO_RCVBUF": s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF),
                "SO_SNDBUF": s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF),
                "TCP_CONGESTION": s.getsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, 16).rstrip(b"\0").decode()}

    @staticmethod
    def setbufs(s, opts):
        if opts.get("TCP_CONGESTION"):
            # per-socket congestion control (needs CAP_NET_ADMIN for algorithms outside the global
            # tcp_allowed_congestion_control list; a netns default cannot be set to those)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, opts["TCP_CONGESTION"].encode())
        if opts.get("SO_RCVBUF") is not None:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, int(opts["SO_RCVBUF"]))
        if opts.get("SO_SNDBUF") is not None:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, int(opts["SO_SNDBUF"]))

    def my_action(self, g):
        """What this side does with a connection of group g: 'write', 'read', 'rate' or None."""
        p = g["pattern"]
        if p == "stalled-reader":
            return "write" if self.role == "client" else None
        if p == "draining-reader":
            if self.role == "client":
                return "rate" if g.get("rate_bytes_per_s") else "write"
            return "read"
        if p == "bulk-to-stalled-peer":
            return "write" if self.role == "server" else None
        return None

    def add_conn(self, s, gi):
        s.setblocking(False)
        g = self.groups[gi]
        c = {"sock": s, "g": gi, "sent": 0, "recvd": 0, "act": self.my_action(g), "allow": 0.0}
        self.conns[s.fileno()] = c
        self.stats[gi]["connections"] += 1
        if len(self.stats[gi]["sockopt_after"]) < 5:
            self.stats[gi]["sockopt_after"].append(self.getbufs(s))
        self.arm(c)

    def arm(self, c):
        fd = c["sock"].fileno()
        ev = 0
        if c["act"] == "read":
            ev = selectors.EVENT_READ
        elif c["act"] == "write" and self.started:
            ev = selectors.EVENT_WRITE
        try:
            self.sel.unregister(fd)
        except KeyError:
            pass
        if ev:
            self.sel.register(fd, ev, ("conn", c))

    def do_write(self, c, limit=None):
        g = self.groups[c["g"]]
        maxb = g.get("max_bytes_per_conn")
        s = c["sock"]
        while True:
            n = CHUNK
            if maxb is not None:
                n = min(n, maxb - c["sent"])
            if limit is not None:
                n = min(n, int(limit))
            if n <= 0:
                if maxb is not None and c["sent"] >= maxb:
                    self.stats[c["g"]]["writers_done"] += 1
                    c["act"] = None
                    self.arm(c)
                return
            try:
                k = s.send(self.buf[:n])
            except BlockingIOError:
                if not c.get("ever_blocked"):
                    c["ever_blocked"] = True
                    self.stats[c["g"]]["writers_ever_blocked"] += 1
                c["blocked_now"] = True
                return
            except OSError:
                c["act"] = None
                self.arm(c)
                return
            c["sent"] += k
            c["blocked_now"] = False
            self.stats[c["g"]]["bytes_sent"] += k
            if limit is not None:
                c["allow"] -= k
                limit -= k

    def do_read(self, c):
        s = c["sock"]
        while True:
            try:
                k = s.recv_into(self.rbuf)
            except BlockingIOError:
                return
            except OSError:
                k = 0
            if k == 0:
                self.sel.unregister(s.fileno())
                c["act"] = None
                return
            c["recvd"] += k
            self.stats[c["g"]]["bytes_received"] += k

    def handle_cmd(self, line):
        cmd = line.strip()
        if cmd == "start":
            self.started = True
            for c in list(self.conns.values()):
                self.arm(c)
            self.out({"event": "started"})
        elif cmd == "report":
            for st in self.stats:
                st["writers_blocked_at_end"] = 0
            for c in self.conns.values():
                if c.get("blocked_now") and c["act"] in ("write", "rate"):
                    self.stats[c["g"]]["writers_blocked_at_end"] += 1
            self.out({"event": "report", "stats": self.stats})
        elif cmd == "stop":
            self.running = False

    def run(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(hard, 65536), max(hard, 65536)))
        except (ValueError, OSError):
            pass
        os.set_blocking(0, False)
        self.sel.register(0, selectors.EVENT_READ, ("stdin", None))
        if self.role == "server":
            for gi, g in enumerate(self.groups):
                ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                self.setbufs(ls, g.get("sockopts", {}))
                self.stats[gi]["sockopt_before"] = self.getbufs(ls)
                ls.bind((g["addr"], g["port"]))
                ls.listen(8192)
                ls.setblocking(False)
                self.sel.register(ls.fileno(), selectors.EVENT_READ, ("listen", (ls, gi)))
            self.out({"event": "ready"})
        else:
            for gi, g in enumerate(self.groups):
                for i in range(g["count"]):
                    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                    self.setbufs(s, g.get("sockopts", {}))
                    if i == 0:
                        self.stats[gi]["sockopt_before"] = self.getbufs(s)
                    s.settimeout(10)
                    for attempt in range(50):
                        try:
                            s.connect((g["addr"], g["port"]))
                            break
                        except (ConnectionRefusedError, TimeoutError, socket.timeout):
                            time.sleep(0.1)
                            s.close()
                            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                            self.setbufs(s, g.get("sockopts", {}))
                            s.settimeout(10)
                    else:
                        raise RuntimeError("cannot connect to %s:%d" % (g["addr"], g["port"]))
                    self.add_conn(s, gi)
            self.out({"event": "connected", "stats": self.stats})
        last = time.monotonic()
        deadline = time.monotonic() + self.cfg.get("max_seconds", 600)
        while self.running and time.monotonic() < deadline:
            events = self.sel.select(timeout=0.02)
            for key, mask in events:
                kind, obj = key.data
                if kind == "stdin":
                    try:
                        data = os.read(0, 4096)
                    except BlockingIOError:
                        continue
                    if not data:
                        self.running = False
                        break
                    self.stdin_buf += data
                    while b"\n" in self.stdin_buf:
                        line, self.stdin_buf = self.stdin_buf.split(b"\n", 1)
                        self.handle_cmd(line.decode())
                elif kind == "listen":
                    ls, gi = obj
                    while True:
                        try:
                            s, _ = ls.accept()
                        except BlockingIOError:
                            break
                        self.add_conn(s, gi)
                elif kind == "conn":
                    c = obj
                    if mask & selectors.EVENT_READ and c["act"] == "read":
                        self.do_read(c)
                    if mask & selectors.EVENT_WRITE and c["act"] == "write":
                        self.do_write(c)
            now = time.monotonic()
            dt, last = now - last, now
            if self.started:
                for c in self.conns.values():
                    if c["act"] == "rate":
                        g = self.groups[c["g"]]
                        c["allow"] = min(c["allow"] + g["rate_bytes_per_s"] * dt, g["rate_bytes_per_s"])
                        if c["allow"] >= 1:
                            self.do_write(c, limit=c["allow"])
        self.out({"event": "exit", "stats": self.stats})


def worker_main(cfgfile):
    with open(cfgfile) as fh:
        cfg = json.load(fh)
    Worker(cfg).run()


# ---------------------------------------------------------------------------------------------
# orchestration

class Env:
    """Namespaces and worker processes of one case; cleaned up in all cases."""

    def __init__(self, tag):
        self.tag = tag
        self.namespaces = []
        self.procs = []
        self.cgroups = []
        self.tmp = tempfile.mkdtemp(prefix="calib-")

    def add_memcg(self, name, tcp_limit_bytes):
        """A fresh child of the v1 memory root. Setting memory.kmem.tcp.limit_in_bytes is what makes the kernel
        account sockets to it at all (memcg_update_tcp_max() sets memcg->tcpmem_active, mm/memcontrol-v1.c);
        without a limit the cgroup's TCP usage stays 0."""
        path = os.path.join(MEMCG_V1_ROOT, MEMCG_PREFIX + name)
        if os.path.dirname(path) != MEMCG_V1_ROOT or not os.path.basename(path).startswith(MEMCG_PREFIX):
            raise RuntimeError("refusing cgroup path %s" % path)
        os.mkdir(path)
        self.cgroups.append(path)
        if tcp_limit_bytes is not None:
            with open(os.path.join(path, MEMCG_FILES["limit_bytes"]), "w") as fh:
                fh.write(str(int(tcp_limit_bytes)))
        return path

    def add_ns(self, name):
        sh(["ip", "netns", "add", name])
        self.namespaces.append(name)
        sh(["ip", "netns", "exec", name, "ip", "link", "set", "lo", "up"])
        # paranoia: must not be the host network namespace
        host = os.readlink("/proc/self/ns/net")
        inner = sh(["ip", "netns", "exec", name, "readlink", "/proc/self/ns/net"]).strip()
        if inner == host:
            raise RuntimeError("namespace %s is the host namespace?!" % name)
        return name

    def set_sysctl(self, ns, key, value):
        if ns not in self.namespaces:
            raise RuntimeError("refusing sysctl outside own namespace")
        if key in FORBIDDEN_SYSCTL or not ALLOWED_SYSCTL.match(key):
            raise RuntimeError("refusing to set %s (global or not allow-listed)" % key)
        sh(["ip", "netns", "exec", ns, "sysctl", "-q", "-w", "%s=%s" % (key, value)])

    def start_worker(self, ns, cfg, memcg=None):
        path = os.path.join(self.tmp, "%s-%d.json" % (cfg["role"], len(self.procs)))
        with open(path, "w") as fh:
            json.dump(cfg, fh)

        def join_memcg():
            # in the child, before exec: `ip netns exec` remounts /sys for the namespace, where this cgroup's
            # files are not visible, and a socket is charged to the cgroup of the task creating (or accepting)
            # it, so the worker must be in the cgroup before it makes any socket
            with open(os.path.join(memcg, "cgroup.procs"), "w") as fh:
                fh.write(str(os.getpid()))

        p = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__),
                              "--worker", path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             bufsize=1, preexec_fn=join_memcg if memcg else None)
        self.procs.append(p)
        return p

    def cleanup(self):
        for p in self.procs:
            if p.poll() is None:
                try:
                    p.stdin.write("stop\n")
                    p.stdin.flush()
                except Exception:
                    pass
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()   # kill this worker (by its own pid)
                p.wait()
        self.procs = []
        for ns in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        self.namespaces = []
        for cg in reversed(self.cgroups):
            # the workers are gone; their sockets may still hold a reference, which does not block rmdir
            for _ in range(40):
                try:
                    os.rmdir(cg)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.25)
            else:
                print("cleanup: could not remove cgroup %s" % cg, file=sys.stderr)
        self.cgroups = []


ACTIVE_ENVS = []


def cleanup_all(*_):
    for e in list(ACTIVE_ENVS):
        try:
            e.cleanup()
        except Exception as ex:  # keep cleaning
            print("cleanup error:", ex, file=sys.stderr)
        ACTIVE_ENVS.remove(e)


def on_signal(signum, frame):
    cleanup_all()
    sys.exit(128 + signum)


def wait_event(p, name, timeout=300):
    t0 = time.time()
    while time.time() - t0 < timeout:
        line = p.stdout.readline()
        if not line:
            raise RuntimeError("worker exited while waiting for %s" % name)
        ev = json.loads(line)
        if ev.get("event") == name:
            return ev
    raise RuntimeError("timeout waiting for %s" % name)


def triple(s):
    return [int(x) for x in s.split()]


def estimate(case, host, ns_sysctls):
    """Estimated worst-case TCP memory (bytes) of the case.

    Per connection: receive bound + send bound of the data direction (+ 2 pages of slack per socket).
      * receive bound: 2*min(SO_RCVBUF, rmem_max) if the receiver sets SO_RCVBUF, else tcp_rmem[2] if the
        receiver reads (autotuning can grow to the cap), else 2*tcp_rmem[1] for a receiver that never reads
        (no DRS without reads; tcp_clamp_window may lift rcvbuf to rmem_alloc; x2 covers truesize slack);
      * send bound: 2*min(SO_SNDBUF, wmem_max) if set, else tcp_wmem[2];
      * if the writer stops after max_bytes_per_conn, all of the connection's data is at most
        max_bytes_per_conn payload, counted x1.5 for skb truesize overhead, + 64 KiB;
      * rate-limited draining readers: receive side bounded by rate x 1 s x 2 (rcvbuf never needs more
        than a few RTTs of data; RTT here is < 1 ms) unless SO_RCVBUF says otherwise.
    """
    rmem_max = int(host["sysctls"]["net.core.rmem_max"])
    wmem_max = int(host["sysctls"]["net.core.wmem_max"])
    total = 0
    details = []
    for g in case["groups"]:
        srv_ns = g.get("server_ns", "server")
        if case["topology"] == "loopback":
            srv_ns = cli_ns = "lo"
        else:
            cli_ns = "client"
        p = g["pattern"]
        if p == "idle":
            per = 2 * 4096
        else:
            if p == "bulk-to-stalled-peer":
                rx_side, rx_ns, tx_side, tx_ns = "client", cli_ns, "server", srv_ns
            else:
                rx_side, rx_ns, tx_side, tx_ns = "server", srv_ns, "client", cli_ns
            rmem = triple(ns_sysctls[rx_ns]["net.ipv4.tcp_rmem"])
            wmem = triple(ns_sysctls[tx_ns]["net.ipv4.tcp_wmem"])
            ro = g.get(rx_side + "_sockopts", {}).get("SO_RCVBUF")
            so = g.get(tx_side + "_sockopts", {}).get("SO_SNDBUF")
            if ro is not None:
                rx = max(2 * min(ro, rmem_max), 2304) * 2
            elif p == "draining-reader":
                rx = rmem[2] if not g.get("rate_bytes_per_s") else min(rmem[2], 2 * g["rate_bytes_per_s"])
            else:
                rx = 2 * rmem[1]
            tx = max(2 * min(so, wmem_max), 4608) if so is not None else wmem[2]
            per = rx + tx
            if g.get("max_bytes_per_conn") is not None:
                per = min(per, int(g["max_bytes_per_conn"] * 1.5) + 65536)
            per += 2 * 4096
        details.append({"group": g["name"], "per_conn_bytes": per, "count": g["count"]})
        total += per * g["count"]
    return total, details


def ns_name(tag, role):
    return "%s%s-%s" % (NS_PREFIX, tag, role)


def wait_quiet(slack_pages, timeout=120):
    """Namespace teardown of a previous case frees its sockets asynchronously: wait until the node-wide
    TCP mem is back within the per-CPU reserve slack (ncpus * mem_pcpu_rsv) and stable for 2 s before
    taking a baseline."""
    t0 = time.time()
    last, since = None, time.time()
    while time.time() - t0 < timeout:
        m = read_sockstat()["mem_pages"]
        if m != last:
            last, since = m, time.time()
        elif m <= slack_pages and time.time() - since >= 2:
            return m
        time.sleep(0.25)
    return last


def group_side(g, s, topo):
    """Which end of group g the ss record s is: 'server', 'client' or None (needs _port/_addr)."""
    if s["lport"] == g["_port"] and (topo == "loopback" or s["laddr"] == g["_addr"]):
        return "server"
    if s["pport"] == g["_port"] and s["paddr"] == g["_addr"]:
        return "client"
    return None


def run_case(case, out_dir, host, dry_run=False, verbose=True):
    name = case["name"]
    orig_case = json.loads(json.dumps(case))   # as written in the case file (recorded verbatim)
    case = json.loads(json.dumps(case))
    tag = "%d" % os.getpid()
    env = Env(tag)
    ACTIVE_ENVS.append(env)
    pg = host["page_size"]
    budget_pages = int(host["tcp_mem"][1] * BUDGET_FRACTION)
    log = (lambda *a: print("[%s]" % name, *a, flush=True)) if verbose else (lambda *a: None)
    try:
        topo = case["topology"]
        sysctl_spec = case.get("sysctls", {})
        nsmap = {}   # logical -> real ns name
        if topo == "loopback":
            nsmap["lo"] = env.add_ns(ns_name(tag, "lo"))
        elif topo == "veth":
            nsmap["client"] = env.add_ns(ns_name(tag, "cli"))
            servers = sorted({g.get("server_ns", "server") for g in case["groups"]})
            for i, srv in enumerate(servers, start=1):
                nsmap[srv] = env.add_ns(ns_name(tag, "s%d" % i))
                a, b = "cv%d" % i, "sv%d" % i
                mtu = str(case.get("mtu", 1500))
                # veth pair created directly between our two namespaces (host netns untouched)
                sh(["ip", "link", "add", a, "netns", nsmap["client"], "mtu", mtu, "type", "veth", "peer",
                    "name", b, "netns", nsmap[srv], "mtu", mtu])
                sh(["ip", "netns", "exec", nsmap["client"], "ip", "addr", "add", "10.200.%d.1/24" % i, "dev", a])
                sh(["ip", "netns", "exec", nsmap[srv], "ip", "addr", "add", "10.200.%d.2/24" % i, "dev", b])
                sh(["ip", "netns", "exec", nsmap["client"], "ip", "link", "set", a, "up"])
                sh(["ip", "netns", "exec", nsmap[srv], "ip", "link", "set", b, "up"])
                nsmap[srv + "@addr"] = "10.200.%d.2" % i
        else:
            raise ValueError("unknown topology %s" % topo)
        real_ns = [v for k, v in nsmap.items() if not k.endswith("@addr")]
        logical = [k for k in nsmap if not k.endswith("@addr")]

        # sysctls
        for lg in logical:
            spec = dict(sysctl_spec.get("all", {}))
            if topo == "loopback":
                for part in ("server", "client"):
                    for k, v in sysctl_spec.get(part, {}).items():
                        if k in spec and str(spec[k]) != str(v):
                            raise ValueError("loopback case: conflicting %s" % k)
                        spec[k] = v
            else:
                spec.update(sysctl_spec.get(lg, {}))
            spec.setdefault("net.core.somaxconn", 8192)
            for k, v in spec.items():
                env.set_sysctl(nsmap[lg], k, v)
        ns_sysctls = {lg: read_sysctls(READ_SYSCTLS, nsmap[lg]) for lg in logical}

        est, est_detail = estimate(case, host, ns_sysctls)
        budget = budget_pages * pg
        log("estimated worst case %.1f MiB, budget %.1f MiB (25%% of tcp_mem[1])" % (est / 2**20, budget / 2**20))
        if est > budget:
            raise RuntimeError("REFUSED: estimated %d bytes > budget %d bytes" % (est, budget))
        memcg_spec = case.get("cgroup")
        memcg = None
        if memcg_spec is not None:
            if not host["cgroup_v1_memory"]:
                raise RuntimeError("case needs a cgroup-v1 memory hierarchy with kmem.tcp files at %s" % MEMCG_V1_ROOT)
            memcg_roles = set(memcg_spec.get("roles", ["server"]))
        if dry_run:
            return None
        if memcg_spec is not None:
            memcg = env.add_memcg(tag, memcg_spec.get("tcp_limit_bytes"))
            memcg_base = read_memcg(memcg)

        # worker configs
        port = 5001
        srv_cfg = {}
        cli_groups = []
        for gi, g in enumerate(case["groups"]):
            srv = "lo" if topo == "loopback" else g.get("server_ns", "server")
            addr = "127.0.0.1" if topo == "loopback" else nsmap[srv + "@addr"]
            common = {"name": g["name"], "port": port + gi, "addr": addr, "count": g["count"],
                      "pattern": g["pattern"], "rate_bytes_per_s": g.get("rate_bytes_per_s"),
                      "max_bytes_per_conn": g.get("max_bytes_per_conn")}
            g["_port"], g["_addr"], g["_srv"] = port + gi, addr, srv
            srv_cfg.setdefault(srv, []).append(dict(common, sockopts=g.get("server_sockopts", {})))
            cli_groups.append(dict(common, sockopts=g.get("client_sockopts", {})))
        max_s = case.get("max_seconds", 120)

        wait_quiet(host["ncpus"] * int(host["sysctls"].get("net.core.mem_pcpu_rsv", "256")))
        sockstat_base = read_sockstat()
        servers = {}
        for srv, groups in srv_cfg.items():
            ns = nsmap["lo"] if topo == "loopback" else nsmap[srv]
            servers[srv] = env.start_worker(ns, {"role": "server", "groups": groups, "max_seconds": max_s + 120},
                                            memcg=memcg if memcg and "server" in memcg_roles else None)
            wait_event(servers[srv], "ready")
        cns = nsmap["lo"] if topo == "loopback" else nsmap["client"]
        client = env.start_worker(cns, {"role": "client", "groups": cli_groups, "max_seconds": max_s + 120},
                                  memcg=memcg if memcg and "client" in memcg_roles else None)
        connected = wait_event(client, "connected", timeout=600)
        time.sleep(1.0)
        sockstat_connected = read_sockstat()
        memcg_connected = read_memcg(memcg) if memcg else None
        log("connected: sockstat %s" % sockstat_connected)
        for p in list(servers.values()) + [client]:
            p.stdin.write("start\n")
            p.stdin.flush()
            wait_event(p, "started")
        t_start = time.time()

        # wait for steady state
        settle = case.get("settle", {})
        min_s, max_wait, stable_s = settle.get("min_s", 3), settle.get("max_s", 30), settle.get("stable_s", 2)
        interval = settle.get("interval_s", 0.5)
        history = []
        window_obs = {}      # (group index, side) -> list of per-socket observations (duration mode)
        window_sockstat = []
        stable_since = None
        last_sig = None
        steady = False
        aborted = None
        while True:
            time.sleep(interval)
            el = time.time() - t_start
            st = read_sockstat()
            if st["mem_pages"] - sockstat_base["mem_pages"] > budget_pages:
                aborted = "sockstat mem exceeded budget (%d pages)" % st["mem_pages"]
                break
            socks = []
            for lg in logical:
                socks += ss_ns(nsmap[lg])
            sum_charged = sum(s.get("charged", 0) for s in socks)
            sum_rw = (sum(s.get("r", 0) for s in socks), sum(s.get("w", 0) for s in socks))
            history.append({"t": round(el, 2), "sockstat_mem_pages": st["mem_pages"],
                            "sum_skmem_charged_pages": round(sum_charged / pg, 2)})
            if memcg:
                mc = read_memcg(memcg)
                history[-1]["memcg_tcp_usage_pages"] = mc["usage_bytes"] // pg
                history[-1]["memcg_tcp_failcnt"] = mc["failcnt"]
            sig = (st["mem_pages"], sum_rw)
            if settle.get("mode") == "duration" and el >= settle.get("duration_s", 10) / 2.0:
                # second half of the run: keep every per-socket observation (draining sockets fluctuate;
                # one snapshot is not representative)
                window_sockstat.append(st["mem_pages"])
                for gi, g in enumerate(case["groups"]):
                    for s_ in socks:
                        side = group_side(g, s_, topo)
                        if side:
                            window_obs.setdefault((gi, side), []).append(s_)
            if settle.get("mode") == "duration":
                if el >= settle.get("duration_s", 10):
                    steady = True
                    break
            else:
                if sig != last_sig:
                    last_sig, stable_since = sig, el
                elif el - stable_since >= stable_s and el >= min_s:
                    steady = True
                    break
            if el >= max_wait:
                break
        if aborted:
            raise RuntimeError("ABORTED: " + aborted)

        # record
        sockstat_steady = read_sockstat()
        memcg_steady = read_memcg(memcg) if memcg else None
        per_ns_socks = {lg: ss_ns(nsmap[lg]) for lg in logical}
        for p in [client] + list(servers.values()):
            p.stdin.write("report\n")
            p.stdin.flush()
        client_report = wait_event(client, "report")
        server_reports = {srv: wait_event(p, "report") for srv, p in servers.items()}
        netstat = {lg: netstat_counters(nsmap[lg]) for lg in logical}

        groups_out = []
        all_socks = []
        for gi, g in enumerate(case["groups"]):
            srv = g["_srv"]
            if topo == "loopback":
                pool = per_ns_socks["lo"]
                s_socks = [s for s in pool if s["lport"] == g["_port"]]
                c_socks = [s for s in pool if s["pport"] == g["_port"]]
            else:
                s_socks = [s for s in per_ns_socks[srv] if s["lport"] == g["_port"]]
                c_socks = [s for s in per_ns_socks["client"] if s["pport"] == g["_port"]
                           and s["paddr"] == g["_addr"]]
            all_socks += s_socks + c_socks
            sidx = [x["name"] for x in srv_cfg[srv]].index(g["name"])
            groups_out.append({
                "name": g["name"], "pattern": g["pattern"], "count": g["count"],
                "server_namespace": srv,
                "getsockopt": {
                    "client_before_connect": client_report["stats"][gi]["sockopt_before"],
                    "client_after_connect": client_report["stats"][gi]["sockopt_after"][:1],
                    "server_listener_before_listen": server_reports[srv]["stats"][sidx]["sockopt_before"],
                    "server_after_accept": server_reports[srv]["stats"][sidx]["sockopt_after"][:1],
                },
                "traffic": {"client": {k: client_report["stats"][gi][k] for k in (
                    "connections", "bytes_sent", "bytes_received", "writers_ever_blocked", "writers_blocked_at_end",
                    "writers_done")},
                    "server": {k: server_reports[srv]["stats"][sidx][k] for k in (
                        "connections", "bytes_sent", "bytes_received", "writers_ever_blocked", "writers_blocked_at_end",
                    "writers_done")}},
                "server_sockets": aggregate(s_socks),
                "client_sockets": aggregate(c_socks),
            })
            if window_obs:
                groups_out[-1]["time_window"] = {
                    "note": "all per-socket observations sampled every %.1fs in the second half of the run" % interval,
                    "server_sockets": aggregate(window_obs.get((gi, "server"), []), nraw=0),
                    "client_sockets": aggregate(window_obs.get((gi, "client"), []), nraw=0)}
        sum_charged = sum(s.get("charged", 0) for s in all_socks)
        nconn = sum(g["count"] for g in case["groups"])
        delta = sockstat_steady["mem_pages"] - sockstat_base["mem_pages"]
        slack = host["ncpus"] * int(host["sysctls"].get("net.core.mem_pcpu_rsv", "256"))
        rec = {
            "probe_version": PROBE_VERSION,
            "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "host": {k: host[k] for k in ("kernel", "machine", "page_size", "ncpus", "mem_total_kb", "tcp_mem",
                                          "cgroup_v1_memory", "cgroup_v2_memory")},
            "host_sysctls": host["sysctls"],
            "case": orig_case,
            "case_file": "tools/calibrate/cases/%s.json" % name,
            "namespace_sysctls": ns_sysctls,
            "estimate": {"worst_case_bytes": est, "budget_bytes": budget, "groups": est_detail},
            "steady": steady,
            "seconds_to_steady": round(time.time() - t_start, 2),
            "sockstat": {
                "baseline": sockstat_base, "connected": sockstat_connected, "steady": sockstat_steady,
                "delta_pages": delta,
                "delta_connected_pages": sockstat_connected["mem_pages"] - sockstat_base["mem_pages"],
                "delta_pages_per_connection": round(delta / nconn, 3),
                "window": ({"samples": len(window_sockstat), "min": min(window_sockstat),
                            "max": max(window_sockstat),
                            "mean_delta_pages": round(sum(window_sockstat) / len(window_sockstat)
                                                      - sockstat_base["mem_pages"], 2)}
                           if window_sockstat else None),
                "pcpu_slack_pages": slack,
                "note": "sockstat mem is node-wide tcp_memory_allocated; with per-CPU reserves it may lag the "
                        "true sum by up to ncpus*mem_pcpu_rsv pages (pcpu_slack_pages)",
            },
            "skmem_sum": {
                "sockets": len(all_socks),
                "charged_bytes": sum_charged, "charged_pages": round(sum_charged / pg, 2),
                "charged_pages_per_connection": round(sum_charged / pg / nconn, 3),
                "note": "charged = r + w + f (sk_rmem_alloc + sk_wmem_queued + sk_forward_alloc) over both "
                        "ends of every connection of the case",
            },
            "memcg": ({
                "version": 1, "path": memcg, "roles": sorted(memcg_roles),
                "tcp_limit_bytes": memcg_spec.get("tcp_limit_bytes"),
                "baseline": memcg_base, "connected": memcg_connected, "steady": memcg_steady,
                "note": "memory.kmem.tcp.* of the case's own child cgroup, read from the host; the processes of "
                        "'roles' ran in it from before they created any socket. usage = pages charged to the "
                        "cgroup's tcpmem counter (bytes); failcnt = charges refused at the limit; without a limit "
                        "set the kernel does not account sockets to it (usage 0)",
            } if memcg else None),
            "history": history,
            "netstat": netstat,
            "groups": groups_out,
        }
        os.makedirs(out_dir, exist_ok=True)
        path = os.path.join(out_dir, name + ".json")
        with open(path, "w") as fh:
            json.dump(rec, fh, indent=1, sort_keys=False)
            fh.write("\n")
        log("steady=%s after %.1fs; sockstat delta %d pages (%.2f/conn); skmem charged %.1f pages (%.2f/conn) -> %s"
            % (steady, rec["seconds_to_steady"], delta, delta / nconn, sum_charged / pg, sum_charged / pg / nconn,
               os.path.relpath(path)))
        if memcg_steady:
            log("memcg tcp: usage %d pages, max %d, failcnt %d, limit %s" % (
                memcg_steady["usage_bytes"] // pg, memcg_steady["max_usage_bytes"] // pg, memcg_steady["failcnt"],
                memcg_spec.get("tcp_limit_bytes")))
        for go in groups_out:
            for side in ("server_sockets", "client_sockets"):
                a = go[side]
                if a["count"]:
                    log("  %-24s %s n=%d r=%s rb=%s w=%s tb=%s f=%s pages/sock=%s" % (
                        go["name"], side[:6], a["count"], a["r"]["median"], a["rb"]["median"], a["w"]["median"],
                        a["tb"]["median"], a["f"]["median"], round(a["charged_pages"]["median"], 2)))
        return rec
    finally:
        env.cleanup()
        if env in ACTIVE_ENVS:
            ACTIVE_ENVS.remove(env)
        try:
            for f in os.listdir(env.tmp):
                os.unlink(os.path.join(env.tmp, f))
            os.rmdir(env.tmp)
        except OSError:
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cases", nargs="*", help="case files (default: tools/calibrate/cases/*.json)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (default %(default)s)")
    ap.add_argument("--dry-run", action="store_true", help="set up namespaces, check the budget, record nothing")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker_main(args.worker)
    if os.geteuid() != 0:
        sys.exit("probe.py needs root (network namespaces)")
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    atexit.register(cleanup_all)
    files = args.cases or sorted(os.path.join(HERE, "cases", f) for f in os.listdir(os.path.join(HERE, "cases"))
                                 if f.endswith(".json"))
    host = host_info()
    print("kernel %s, %d CPUs, MemTotal %d kB, tcp_mem %s" % (host["kernel"], host["ncpus"], host["mem_total_kb"],
                                                             host["tcp_mem"]), flush=True)
    failed = []
    for f in files:
        with open(f) as fh:
            case = json.load(fh)
        try:
            run_case(case, args.out, host, dry_run=args.dry_run)
        except Exception as ex:
            print("[%s] FAILED: %s" % (case.get("name", f), ex), flush=True)
            failed.append(case.get("name", f))
        time.sleep(1)
    if failed:
        print("failed cases:", ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
