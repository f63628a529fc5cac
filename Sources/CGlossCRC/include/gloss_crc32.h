#ifndef GLOSS_CRC32_H
#define GLOSS_CRC32_H

#include <stddef.h>
#include <stdint.h>

/// Advances `*crc` (a zlib-style CRC-32 value, as `crc32()` takes and returns it) over a leading
/// part of `buf` (a multiple of 16 bytes) with carry-less multiplication; returns how many bytes
/// it covered: 0 when the CPU lacks PCLMULQDQ/SSE4.1 or `len` is under 64. The caller continues
/// from there with zlib's `crc32`.
size_t gloss_crc32_fold(uint32_t *crc, const unsigned char *buf, size_t len);

#endif
