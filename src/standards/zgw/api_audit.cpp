// The audit trail: one record per change, written inside the change's transaction; see
// api.hpp.
#include <fmt/format.h>

#include <chrono>
#include <ctime>

#include "common/uuid.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {
namespace json = boost::json;

namespace {

std::string now_iso() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:06d}Z", buf, micros);
}

std::string_view action_text(std::string_view action) {
  if (action == "create") return "Object aangemaakt";
  if (action == "update") return "Object bijgewerkt";
  if (action == "partial_update") return "Object deels bijgewerkt";
  if (action == "destroy") return "Object verwijderd";
  return "";
}

}  // namespace

void Api::audit(Call& call, const Resource& r, std::string_view action, int status,
                const std::string& owner, const std::string& resource_url,
                const json::value& old_value, const json::value& new_value) {
  auto uuid = common::new_uuid();
  auto now = now_iso();
  json::object entry{
      {"uuid", uuid},
      {"bron", r.component->bron},
      {"applicatieId", call.client.client_id},
      {"applicatieWeergave", call.client.label},
      {"gebruikersId", call.client.user_id},
      {"gebruikersWeergave", call.client.user_representation},
      {"actie", action},
      {"actieWeergave", action_text(action)},
      {"resultaat", status},
      {"hoofdObject", owner},
      {"resource", r.name},
      {"resourceUrl", resource_url},
      {"toelichting", std::string(call.request.header("x-audit-toelichting").value_or(""))},
      {"resourceWeergave", resource_url},
      {"aanmaakdatum", now},
      {"wijzigingen", {{"oud", old_value}, {"nieuw", new_value}}}};
  call.connection->execute(
      "INSERT INTO zgw_audittrail (uuid, hoofd_object, aanmaakdatum, data) VALUES ($1, $2, $3, $4)",
      {uuid, owner, now, json::serialize(entry)});
}

void Api::add_audit_routes(const Component& component, const std::string& base,
                           std::string list_summary, std::string entry_summary,
                           std::function<std::string(Call&)> owner) {
  auto render = [](Call& call, const db::Rows& rows, std::size_t i) {
    json::value v = json::parse(rows[i].text(0));
    call.api.absolutize(v);
    return v;
  };
  route(component, http::Method::Get, base + "/audittrail", std::move(list_summary),
        [owner, render](Call& call) {
          auto rows = call.api.db().read_once(
              "SELECT data FROM zgw_audittrail WHERE hoofd_object = $1 ORDER BY aanmaakdatum, uuid",
              {owner(call)});
          json::array out;
          for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(render(call, rows, i));
          return http::Response::json(200, out);
        });
  route(component, http::Method::Get, base + "/audittrail/{uuid}", std::move(entry_summary),
        [owner, render](Call& call) {
          auto rows = call.api.db().read_once(
              "SELECT data FROM zgw_audittrail WHERE hoofd_object = $1 AND uuid = $2",
              {owner(call), std::string(call.request.param("uuid"))});
          if (rows.empty()) {
            throw http::Error(404, "not_found", "Deze audit trail-regel bestaat niet.");
          }
          return http::Response::json(200, render(call, rows, 0));
        });
}

}  // namespace loket::zgw
