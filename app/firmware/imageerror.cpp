#include "imageerror.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    QString ImageError::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::FileUnreadable: return u"file-unreadable"_s;
        case Kind::Empty: return u"empty"_s;
        case Kind::NotAnImage: return u"not-an-image"_s;
        case Kind::PartitionTable: return u"partition-table"_s;
        case Kind::Bootloader: return u"bootloader"_s;
        case Kind::Truncated: return u"truncated"_s;
        case Kind::BadHeader: return u"bad-header"_s;
        case Kind::TooManySegments: return u"bad-segment-count"_s;
        case Kind::BadSegment: return u"bad-segment"_s;
        case Kind::SegmentPastEnd: return u"segment-past-end"_s;
        case Kind::ChecksumMismatch: return u"checksum-mismatch"_s;
        case Kind::AppendedHashMismatch: return u"appended-hash-mismatch"_s;
        case Kind::UnknownChip: return u"unknown-chip"_s;
        case Kind::AppDescriptorMissing: return u"app-descriptor-missing"_s;
        case Kind::BadSignatureSector: return u"bad-signature-sector"_s;
        }
        return u"unknown"_s;
    }
} // namespace Firmware
