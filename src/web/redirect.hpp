// The answer to a form post that worked: 303 See Other to the page to show next (post, redirect,
// get), never stored by a cache; and no_store for an answer that holds what only its reader may
// see (an administrator's pages).
#pragma once

#include <string>

#include "http/message.hpp"

namespace loket::web {

inline http::Response see_other(std::string location) {
  http::Response r;
  r.status = 303;
  r.headers.set("location", std::move(location));
  r.headers.set("cache-control", "no-store");
  return r;
}

inline http::Response no_store(http::Response r) {
  r.headers.set("cache-control", "no-store");
  return r;
}

}  // namespace loket::web
