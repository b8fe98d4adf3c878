#!/usr/bin/env python3
"""Print a markdown summary of the calibration recordings (the per-socket numbers of FINDINGS.md).

    python3 tools/calibrate/summarize.py [src/test/resources/calibration/*.json]

Per case: sockstat delta (pages, per connection) and the sum of per-socket skmem charge (r+w+f) per connection;
per group and end: socket count and median r, rb, w, tb, f, charged pages per socket, plus rcv_ssthresh, cwnd
and getsockopt read-back.  For duration-mode (draining) cases the per-socket values are the mean over all
observations of the second half of the run ("time_window"), marked with ~.
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEF = os.path.join(HERE, "..", "..", "src", "test", "resources", "calibration", "*.json")


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return ("%d" % v) if v == int(v) else ("%.1f" % v)
    return str(v)


def compact(files):
    print("| case | group | end | n | r | rb | w | tb | f | pages/sock | case: sockstat Δ pages/conn | case: skmem pages/conn |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for f in files:
        r = json.load(open(f))
        first = True
        for g in r["groups"]:
            for side in ("server", "client"):
                a = g[side + "_sockets"]
                tw = g.get("time_window", {}).get(side + "_sockets")
                src, mark = (tw, "~") if tw and tw.get("count") else (a, "")
                key = "mean" if mark else "median"
                if not a.get("count"):
                    continue

                def v(k, agg=src):
                    return mark + fmt(agg[k][key]) if k in agg else "-"
                case_cols = ("%s | %s" % (fmt(r["sockstat"]["delta_pages_per_connection"]) if not r["sockstat"].get("window")
                                          else "~" + fmt(round(r["sockstat"]["window"]["mean_delta_pages"] / sum(
                                              x["count"] for x in r["case"]["groups"]), 2)),
                                          fmt(r["skmem_sum"]["charged_pages_per_connection"]))) if first else " | "
                first = False
                print("| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |" % (
                    r["case"]["name"], g["name"], side, a["count"], v("r"), fmt(a["rb"]["median"]), v("w"),
                    fmt(a["tb"]["median"]), v("f"), v("charged_pages"), case_cols))


def main():
    if sys.argv[1:2] == ["--compact"]:
        return compact(sys.argv[2:] or sorted(glob.glob(DEF)))
    files = sys.argv[1:] or sorted(glob.glob(DEF))
    first = True
    for f in files:
        r = json.load(open(f))
        if first:
            h = r["host"]
            print("Kernel %s (%s), %d CPUs, MemTotal %d kB, page %d, tcp_mem %s\n" % (
                h["kernel"], h["machine"], h["ncpus"], h["mem_total_kb"], h["page_size"], h["tcp_mem"]))
            first = False
        ss = r["sockstat"]
        sk = r["skmem_sum"]
        print("### %s\n" % r["case"]["name"])
        print(r["case"]["description"] + "\n")
        line = "sockstat delta %d pages (%.2f / connection); skmem r+w+f sum %.1f pages (%.2f / connection)" % (
            ss["delta_pages"], ss["delta_pages_per_connection"], sk["charged_pages"], sk["charged_pages_per_connection"])
        if ss.get("window"):
            line += "; sockstat during 2nd half: mean delta %.1f pages (min %d, max %d abs)" % (
                ss["window"]["mean_delta_pages"], ss["window"]["min"], ss["window"]["max"])
        print(line + ("; steady" if r["steady"] else "; NOT steady") + "\n")
        print("| group | end | n | r | rb | w | tb | f | pages/sock | rcv_ssthresh | cwnd | getsockopt rcv/snd |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for g in r["groups"]:
            for side in ("server", "client"):
                a = g[side + "_sockets"]
                tw = g.get("time_window", {}).get(side + "_sockets")
                src, mark = (tw, "~") if tw and tw.get("count") else (a, "")
                if not a.get("count"):
                    continue
                key = "mean" if mark else "median"

                def v(k, agg=src):
                    return fmt(agg[k][key]) if k in agg else "-"
                go = g["getsockopt"]["server_after_accept" if side == "server" else "client_after_connect"]
                go = go[0] if go else {}
                print("| %s | %s | %d | %s%s | %s | %s%s | %s | %s | %s%s | %s | %s | %s/%s |" % (
                    g["name"], side, a["count"], mark, v("r"), v("rb", a), mark, v("w"), v("tb", a), v("f"),
                    mark, v("charged_pages"), v("rcv_ssthresh", a), v("cwnd", a),
                    go.get("SO_RCVBUF", "-"), go.get("SO_SNDBUF", "-")))
            t = g["traffic"]
            print("| | traffic | | client sent %d B, blocked at end %d, done %d; server sent %d B, blocked at end %d, done %d | | | | | | | | |" % (
                t["client"]["bytes_sent"], t["client"]["writers_blocked_at_end"], t["client"]["writers_done"],
                t["server"]["bytes_sent"], t["server"]["writers_blocked_at_end"], t["server"]["writers_done"]))
        print()


if __name__ == "__main__":
    main()
