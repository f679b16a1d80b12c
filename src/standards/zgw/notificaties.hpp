// The Notificaties API 1.0.1 (NRC): kanalen, abonnementen and published notificaties, and the
// translation of Loket's domain events (notify/events.hpp) into the standard's messages. Each
// message fans out to one webhook delivery per matching abonnement (notify/webhook.hpp), in the
// transaction that consumes the event.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "notify/events.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {

inline constexpr Component kNotificaties{"nrc", "/zgw/notificaties/api/v1", "NRC",
                                         "Notificaties API", "1.0.1"};

// Callbacks to internal addresses (loopback, private, link-local) are refused unless allowed
// (development, tests), or their host[:port] is listed. Set once at start, before serving.
struct CallbackPolicy {
  bool allow_private = false;
  std::vector<std::string> allow_hosts;
};
void set_callback_policy(CallbackPolicy policy);

void add_notificaties(Api& api);

// Whether an abonnement's filters (kenmerk → value, "*" for any) accept a message's kenmerken.
bool filters_match(const boost::json::object& filters, const boost::json::object& kenmerken);

// An abonnement on a kanaal: its filters there (nullopt when the stored text is no JSON object:
// it matches nothing) and where and how to deliver.
struct Subscriber {
  std::string abonnement;
  std::optional<boost::json::object> filters;
  std::string callback_url, auth_sealed, secret_sealed;
};
// The abonnementen listening on `kanaal`.
std::vector<Subscriber> subscribers(db::Connection& c, std::string_view kanaal);

// Writes one delivery of `message` (the standard's format, absolute URLs) per subscriber whose
// filters match; returns how many. `to`: the subscribers of the message's kanaal.
std::int64_t fan_out(db::Connection& c, const std::vector<Subscriber>& to,
                     const boost::json::object& message, std::string_view message_id,
                     std::int64_t now_ms);

// The standard's messages for a domain event (none for kinds ZGW has no resource for). Reads the
// zaak through `c` for its kenmerken; for a zaak that is gone, the payload's bronorganisatie,
// zaaktype and vertrouwelijkheidaanduiding stand in. A document another door linked to a zaak
// becomes the APIs' objects first (project_case_document), announced with its own message; a
// document that is none of the Documenten API's objects (a draft's upload) notifies nothing.
std::vector<boost::json::object> messages_for(Api& api, db::Connection& c, const notify::Event& e);

// The EventDispatcher handler: messages_for + fan_out, message ids derived from the event's id.
void publish_event(Api& api, db::Connection& c, const notify::Event& e);

}  // namespace loket::zgw
