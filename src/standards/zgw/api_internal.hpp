// Internal helpers shared by the engine's source files (api*.cpp); not for other callers.
#pragma once

#include <boost/json.hpp>
#include <string_view>

namespace loket::zgw::api_detail {

const boost::json::string* string_field(const boost::json::object& o, std::string_view field);

}  // namespace loket::zgw::api_detail
