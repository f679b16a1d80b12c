// UUIDs: every stored object's id is a random (version 4) UUID in lower case.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace loket::common {

// A new random UUID (version 4, RFC 4122 variant) from libsodium's random source.
std::string new_uuid();

// The version 4 UUID text of 16 bytes; the version and variant bits are set here. For new_uuid
// and for generators that draw the bytes from a seeded source, so a dataset is the same each run.
std::string uuid_from_bytes(std::array<unsigned char, 16> bytes);

// 36 characters in the 8-4-4-4-12 form of 0-9 and a-f: the form Loket writes. Upper case is
// refused, so one object has one spelling (and one row in a lookup by text).
bool is_uuid(std::string_view text);

}  // namespace loket::common
