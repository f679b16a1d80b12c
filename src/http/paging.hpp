// The page and pageSize query parameters shared by every list endpoint, and the one place that
// turns a page into a row offset: no list computes an offset itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace loket::http {

// Bounds: a deeper page is refused (400) rather than scanned; with them the offset fits easily
// in 64 bits, and offset() checks anyway.
inline constexpr std::int64_t kMaxPage = 1'000'000;
inline constexpr std::int64_t kMaxPageSize = 100;
inline constexpr std::int64_t kDefaultPageSize = 20;

struct Page {
  std::int64_t number = 1;  // 1-based
  std::int64_t size = kDefaultPageSize;
  // The rows to skip, (number - 1) * size; throws BadRequest naming `page` when it does not fit
  // in 64 bits or either value is out of range (only possible for a Page built by hand).
  std::int64_t offset() const;
  // One past the last row of this page (offset + size), checked the same way.
  std::int64_t end() const;
};

// Reads page and pageSize; throws BadRequest naming the parameter when either is not a whole
// number (digits only) from 1 to kMaxPage or kMaxPageSize.
Page page_from(const Request& request);
// For lists with a fixed page size (the ZGW APIs): reads only page.
Page page_from(const Request& request, std::int64_t fixed_size);

// Whether page `number` of a list of `total` rows has a row (false for page 1 of an empty list).
bool page_exists(const Page& page, std::int64_t number, std::int64_t total);

// The relative link to another page of the same list (keeping the other query parameters), or
// nullopt when that page does not exist.
std::optional<std::string> page_link(const Request& request, const Page& page, std::int64_t number,
                                     std::int64_t total);

}  // namespace loket::http
