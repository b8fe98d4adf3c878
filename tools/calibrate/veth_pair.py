"""Two network namespaces joined by a veth pair at MTU 1500, for the small probes (accept_queue.py, orphans.py).

Only namespaces and links this module creates are touched; the host's interfaces and global sysctls never are.
"""
import subprocess


def sh(cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True).stdout


def create(ns_server, ns_client, link_prefix, subnet):
    """Creates both namespaces with loopback up and a veth pair: server at <subnet>.1, client at <subnet>.2."""
    for ns in (ns_server, ns_client):
        sh(["ip", "netns", "add", ns])
        sh(["ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"])
    a, b = link_prefix + "a", link_prefix + "b"
    sh(["ip", "link", "add", a, "netns", ns_server, "mtu", "1500", "type", "veth", "peer", "name", b,
        "netns", ns_client, "mtu", "1500"])
    for ns, dev, host in ((ns_server, a, 1), (ns_client, b, 2)):
        sh(["ip", "netns", "exec", ns, "ip", "addr", "add", "%s.%d/24" % (subnet, host), "dev", dev])
        sh(["ip", "netns", "exec", ns, "ip", "link", "set", dev, "up"])


def delete(*namespaces):
    """Removes the namespaces (and with them their links); missing ones are ignored."""
    for ns in namespaces:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
