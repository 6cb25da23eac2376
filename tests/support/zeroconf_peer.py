#!/usr/bin/python3
"""A python-zeroconf mDNS peer driven by JSON lines, for interoperability tests.

Run with Debian's /usr/bin/python3 (python3-zeroconf 0.47). It binds to
127.0.0.1 only, IPv4 only, so it works on `lo` in the test network namespace.

stdin, one JSON object per line; every command may carry an "id" that the
reply echoes:
  {"cmd": "register", "instance": "esp32-a1b2c3", "type": "_arduino._tcp",
   "port": 3232, "txt": ["board=esp32", "auth_upload=no"],
   "host": "esp32-a1b2c3", "addresses": ["127.0.0.1"], "ttl": 120}
      host, addresses (default 127.0.0.1), txt and ttl are optional; txt is a
      list of raw TXT strings in wire order ("key=value", "key", "").
  {"cmd": "register_many", "services": [<register objects>...]}
      registers them concurrently (probing takes ~1 s per service otherwise)
  {"cmd": "unregister", "instance": ..., "type": ...}   goodbye packets
  {"cmd": "browse", "types": ["_otarollout._tcp"]}     streams events
  {"cmd": "resolve", "instance": ..., "type": ..., "timeout": 3000}
  {"cmd": "quit"}                                       goodbyes, then exit

stdout, one JSON object per line:
  {"event": "ready"} once the sockets are up
  {"reply": <id>, "ok": true, ...} or {"reply": <id>, "ok": false, "error": "..."}
  {"event": "added" | "updated" | "removed", "instance": ..., "type": ...,
   "name": <full name>, "server": ..., "port": ..., "addresses": [...],
   "txt": [...], "resolved": true | false}
"""

import asyncio
import json
import socket
import sys

from zeroconf import DNSQuestionType, IPVersion, ServiceInfo, ServiceStateChange
from zeroconf.asyncio import AsyncServiceBrowser, AsyncServiceInfo, AsyncZeroconf

DOMAIN = "local."


def full_type(type_):
    type_ = type_.rstrip(".")
    if type_.endswith(".local"):
        type_ = type_[: -len(".local")]
    return type_ + "." + DOMAIN


def full_name(instance, type_):
    return instance + "." + full_type(type_)


def short_type(type_):
    type_ = type_.rstrip(".")
    return type_[: -len(".local")] if type_.endswith(".local") else type_


def instance_of(name, type_):
    suffix = "." + type_
    return name[: -len(suffix)] if name.endswith(suffix) else name


def encode_txt(strings):
    out = bytearray()
    for s in strings:
        raw = s.encode("utf-8")
        if len(raw) > 255:
            raise ValueError("TXT string longer than 255 bytes: " + s[:40])
        out.append(len(raw))
        out += raw
    return bytes(out) if out else b"\x00"


def decode_txt(raw):
    strings = []
    i = 0
    while raw and i < len(raw):
        n = raw[i]
        strings.append(raw[i + 1 : i + 1 + n].decode("utf-8", errors="replace"))
        i += 1 + n
    if strings == [""]:
        return []
    return strings


def host_label(instance):
    label = "".join(c if c.isalnum() or c == "-" else "-" for c in instance)
    return label.strip("-")[:63] or "zeroconf-peer"


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def info_fields(info):
    return {
        "server": (info.server or "").rstrip("."),
        "port": info.port or 0,
        "addresses": info.parsed_addresses(IPVersion.V4Only),
        "txt": decode_txt(info.text or b""),
    }


class Peer:
    def __init__(self):
        self.aiozc = None
        self.registered = {}  # full name (lower case) -> ServiceInfo
        self.browsers = []
        self.tasks = set()

    async def start(self):
        self.aiozc = AsyncZeroconf(interfaces=["127.0.0.1"], ip_version=IPVersion.V4Only)
        await self.aiozc.zeroconf.async_wait_for_start()

    def make_info(self, cmd):
        type_ = full_type(cmd["type"])
        instance = cmd["instance"]
        host = cmd.get("host") or host_label(instance)
        host = host.rstrip(".")
        if not host.endswith(".local"):
            host += ".local"
        host += "."
        addresses = cmd.get("addresses") or ["127.0.0.1"]
        ttl = cmd.get("ttl")
        kwargs = {}
        if ttl is not None:
            kwargs["host_ttl"] = int(ttl)
            kwargs["other_ttl"] = int(ttl)
        return ServiceInfo(
            type_,
            full_name(instance, type_),
            port=int(cmd["port"]),
            properties=encode_txt(cmd.get("txt") or []),
            server=host,
            addresses=[socket.inet_aton(a) for a in addresses],
            **kwargs,
        )

    async def register(self, cmd):
        info = self.make_info(cmd)
        await (await self.aiozc.async_register_service(info))
        self.registered[info.name.lower()] = info
        return {"name": info.name}

    async def register_many(self, cmd):
        infos = [self.make_info(s) for s in cmd["services"]]
        waits = await asyncio.gather(*(self.aiozc.async_register_service(i) for i in infos))
        await asyncio.gather(*waits)
        for info in infos:
            self.registered[info.name.lower()] = info
        return {"count": len(infos)}

    async def unregister(self, cmd):
        key = full_name(cmd["instance"], cmd["type"]).lower()
        info = self.registered.pop(key, None)
        if info is None:
            raise KeyError("not registered: " + key)
        await (await self.aiozc.async_unregister_service(info))
        return {}

    async def resolve(self, cmd):
        type_ = full_type(cmd["type"])
        info = AsyncServiceInfo(type_, full_name(cmd["instance"], type_))
        timeout = int(cmd.get("timeout", 3000))
        if not await info.async_request(self.aiozc.zeroconf, timeout, DNSQuestionType.QM):
            raise LookupError("not resolved within %d ms" % timeout)
        fields = info_fields(info)
        fields.update({"instance": cmd["instance"], "type": short_type(type_), "name": info.name})
        return fields

    def on_change(self, zeroconf, service_type, name, state_change):
        task = asyncio.ensure_future(self.report(service_type, name, state_change))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def report(self, service_type, name, state_change):
        kinds = {
            ServiceStateChange.Added: "added",
            ServiceStateChange.Updated: "updated",
            ServiceStateChange.Removed: "removed",
        }
        event = {
            "event": kinds[state_change],
            "instance": instance_of(name, service_type),
            "type": short_type(service_type),
            "name": name,
            "resolved": False,
        }
        if state_change != ServiceStateChange.Removed:
            info = AsyncServiceInfo(service_type, name)
            if await info.async_request(self.aiozc.zeroconf, 3000, DNSQuestionType.QM):
                event.update(info_fields(info))
                event["resolved"] = True
        emit(event)

    async def browse(self, cmd):
        types = [full_type(t) for t in cmd["types"]]
        browser = AsyncServiceBrowser(
            self.aiozc.zeroconf, types, handlers=[self.on_change], question_type=DNSQuestionType.QM
        )
        self.browsers.append(browser)
        return {}

    async def close(self):
        for browser in self.browsers:
            await browser.async_cancel()
        await self.aiozc.async_close()  # sends goodbyes for what is still registered


async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=64 * 1024 * 1024)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)

    peer = Peer()
    await peer.start()
    emit({"event": "ready"})

    handlers = {
        "register": peer.register,
        "register_many": peer.register_many,
        "unregister": peer.unregister,
        "resolve": peer.resolve,
        "query": peer.resolve,
        "browse": peer.browse,
    }
    pending = set()

    async def run(cmd):
        reply = {"reply": cmd.get("id")}
        try:
            reply.update(await handlers[cmd["cmd"]](cmd))
            reply["ok"] = True
        except Exception as e:  # every failure goes back to the test as text
            reply["ok"] = False
            reply["error"] = "%s: %s" % (type(e).__name__, e)
        emit(reply)

    while True:
        line = await reader.readline()
        if not line:
            break  # stdin closed: the test is gone
        try:
            cmd = json.loads(line)
        except ValueError as e:
            emit({"reply": None, "ok": False, "error": "bad JSON: %s" % e})
            continue
        if cmd.get("cmd") == "quit":
            await asyncio.gather(*pending)
            await peer.close()
            emit({"reply": cmd.get("id"), "ok": True})
            return
        if cmd.get("cmd") not in handlers:
            emit({"reply": cmd.get("id"), "ok": False, "error": "unknown command %r" % cmd.get("cmd")})
            continue
        # Commands run concurrently: a slow register (probing) must not hold up a browse.
        task = asyncio.ensure_future(run(cmd))
        pending.add(task)
        task.add_done_callback(pending.discard)
    await asyncio.gather(*pending)
    await peer.close()


if __name__ == "__main__":
    asyncio.run(main())
