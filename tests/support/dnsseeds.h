#pragma once

#include <QString>

namespace TestSupport
{
    // Seeds for fuzz_dnsmessage, written into dir (created if needed): the
    // mDNS packets recorded from Avahi and python-zeroconf in
    // tests/data/mdns/, generated messages with every record type, and
    // near-valid ones that each break one rule of the wire format.
    void writeDnsFuzzSeeds(const QString &dir);
} // namespace TestSupport
