// zlib (Debian: zlib1g-dev) for the export zip's deflate and CRC-32.
#include <zlib.h>
