// The audit trail: one record per change, written inside the change's transaction; see
// api.hpp.
#include "cases/audit_trail.hpp"
#include "standards/zgw/api.hpp"

namespace loket::zgw {
namespace json = boost::json;

void Api::audit(Call& call, const Resource& r, std::string_view action, int status,
                const std::string& owner, const std::string& resource_url,
                const json::value& old_value, const json::value& new_value) {
  cases::AuditEntry e;
  e.bron = r.component->bron;
  e.actor = {call.client.client_id, call.client.label, call.client.user_id,
             call.client.user_representation};
  e.action = action;
  e.result = status;
  e.owner = owner;
  e.resource = r.name;
  e.resource_url = resource_url;
  e.note = std::string(call.request.header("x-audit-toelichting").value_or(""));
  e.old_value = old_value;
  e.new_value = new_value;
  cases::write_audit(*call.connection, e);
}

void Api::add_audit_routes(const Component& component, const std::string& base,
                           std::string list_summary, std::string entry_summary,
                           std::function<std::string(Call&)> owner) {
  auto render = [](Call& call, const std::string& record) {
    json::value v = json::parse(record);
    call.api.absolutize(v);
    return v;
  };
  route(component, http::Method::Get, base + "/audittrail", std::move(list_summary),
        [owner, render](Call& call) {
          json::array out;
          for (const auto& record : cases::audit_trail_of(call.api.db(), owner(call))) {
            out.push_back(render(call, record));
          }
          return http::Response::json(200, out);
        });
  route(component, http::Method::Get, base + "/audittrail/{uuid}", std::move(entry_summary),
        [owner, render](Call& call) {
          auto record = cases::audit_record(call.api.db(), owner(call), call.request.param("uuid"));
          if (!record) {
            throw http::Error(404, "not_found", "Deze audit trail-regel bestaat niet.");
          }
          return http::Response::json(200, render(call, *record));
        });
}

}  // namespace loket::zgw
