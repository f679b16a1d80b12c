// The page and pageSize query parameters shared by every list endpoint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace loket::http {

struct Page {
  std::int64_t number = 1;  // 1-based
  std::int64_t size = 20;
  std::int64_t offset() const { return (number - 1) * size; }
};

inline constexpr std::int64_t kMaxPageSize = 100;

// Reads page and pageSize; throws BadRequest naming the parameter when either is not a whole
// number in range.
Page page_from(const Request& request);

// The relative link to another page of the same list (keeping the other query parameters), or
// nullopt when that page does not exist.
std::optional<std::string> page_link(const Request& request, const Page& page, std::int64_t number,
                                     std::int64_t total);

}  // namespace loket::http
