// libFuzzer target: the ESP image reader must give a value for any bytes.
#include <cstddef>
#include <cstdint>

#include "firmware/imagejson.h"
#include "firmware/imagereader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto image = Firmware::ImageReader::read(bytes);
    // Format what was read, as inspect does, so that path is fuzzed too.
    if (image)
        (void)Firmware::imageToJson(*image);
    else
        (void)Firmware::imageErrorToJson(image.error());
    return 0;
}
