// The SQL of following a case: case_messages, inbox_items, notification_preferences (migration
// 0020) and the statuses of a case (zgw_statussen).
#include "cases/message_store.hpp"

#include <boost/json.hpp>

namespace loket::cases {

namespace {

constexpr std::string_view kInsertMessage =
    "INSERT INTO case_messages (id, case_id, author_kind, author_id, body, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kMessages =
    "SELECT id, case_id, author_kind, author_id, body, created_at, read_at FROM case_messages"
    " WHERE case_id = $1 ORDER BY created_at, id";
constexpr std::string_view kMessage =
    "SELECT id, case_id, author_kind, author_id, body, created_at, read_at FROM case_messages"
    " WHERE id = $1";
constexpr std::string_view kMarkRead =
    "UPDATE case_messages SET read_at = $1 WHERE case_id = $2 AND author_kind = $3"
    " AND read_at IS NULL";
constexpr std::string_view kInsertItem =
    "INSERT INTO inbox_items (id, recipient, case_id, event_id, kind, detail, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, recipient) DO NOTHING";
constexpr std::string_view kInbox =
    "SELECT id, recipient, case_id, event_id, kind, detail, created_at, read_at FROM inbox_items"
    " WHERE recipient = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3";
constexpr std::string_view kInboxCount = "SELECT count(*) FROM inbox_items WHERE recipient = $1";
constexpr std::string_view kUnreadCount =
    "SELECT count(*) FROM inbox_items WHERE recipient = $1 AND read_at IS NULL";
constexpr std::string_view kInboxRead =
    "UPDATE inbox_items SET read_at = $1 WHERE recipient = $2 AND read_at IS NULL";
constexpr std::string_view kPreferences =
    "SELECT email_enabled, email FROM notification_preferences WHERE recipient = $1";
constexpr std::string_view kSavePreferences =
    "INSERT INTO notification_preferences (recipient, email_enabled, email, updated_at)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (recipient) DO UPDATE SET"
    " email_enabled = excluded.email_enabled, email = excluded.email,"
    " updated_at = excluded.updated_at";
constexpr std::string_view kStatuses =
    "SELECT uuid, statustype, datum_status_gezet, data FROM zgw_statussen WHERE zaak_uuid = $1"
    " ORDER BY datum_status_gezet, uuid";

std::string_view kind_name(AuthorKind k) { return k == AuthorKind::Staff ? "staff" : "resident"; }

// The address is bound to its row (the recipient): copied to another it does not decrypt.
std::string email_binding(std::string_view recipient) {
  return "notification_preferences.email:" + std::string(recipient);
}

}  // namespace

std::string recipient_index(const privacy::KeyRing& keys, PartyKind kind, std::string_view number) {
  return privacy::blind_index(keys, number, kind == PartyKind::Business ? "kvk" : "bsn");
}

void MessageStore::insert_message(db::Connection& c, const Message& m) const {
  c.execute(kInsertMessage, {m.id, m.case_id, std::string(kind_name(m.author_kind)), m.author_id,
                             m.body, m.created_ms});
}

namespace {
std::vector<Message> read_messages(const db::Rows& rows) {
  std::vector<Message> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto r = rows[i];
    Message m{
        r.text(0),   r.text(1), r.text(2) == "staff" ? AuthorKind::Staff : AuthorKind::Resident,
        r.text(3),   r.text(4), r.integer(5),
        std::nullopt};
    if (!r.is_null(6)) m.read_ms = r.integer(6);
    out.push_back(std::move(m));
  }
  return out;
}
}  // namespace

std::vector<Message> MessageStore::messages(db::Connection& c, std::string_view case_id) const {
  return read_messages(c.query(kMessages, {std::string(case_id)}));
}

std::optional<Message> MessageStore::message(db::Connection& c, std::string_view id) const {
  auto found = read_messages(c.query(kMessage, {std::string(id)}));
  if (found.empty()) return std::nullopt;
  return std::move(found[0]);
}

void MessageStore::mark_read(db::Connection& c, std::string_view case_id, AuthorKind reader,
                             std::int64_t now_ms) const {
  auto other = reader == AuthorKind::Staff ? AuthorKind::Resident : AuthorKind::Staff;
  c.execute(kMarkRead, {now_ms, std::string(case_id), std::string(kind_name(other))});
}

bool MessageStore::insert_inbox_item(db::Connection& c, const InboxItem& i) const {
  return c.execute(kInsertItem,
                   {i.id, i.recipient, i.case_id, i.event_id, i.kind, i.detail, i.created_ms}) > 0;
}

std::vector<InboxItem> MessageStore::inbox(db::Connection& c, std::string_view recipient,
                                           std::int64_t offset, std::int64_t limit) const {
  auto rows = c.query(kInbox, {std::string(recipient), limit, offset});
  std::vector<InboxItem> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto r = rows[i];
    InboxItem item{r.text(0), r.text(1), r.text(2),    r.text(3),
                   r.text(4), r.text(5), r.integer(6), std::nullopt};
    if (!r.is_null(7)) item.read_ms = r.integer(7);
    out.push_back(std::move(item));
  }
  return out;
}

std::int64_t MessageStore::inbox_count(db::Connection& c, std::string_view recipient) const {
  return c.query(kInboxCount, {std::string(recipient)})[0].integer(0);
}

std::int64_t MessageStore::unread_count(db::Database& db, std::string_view recipient) const {
  return db.read_once(kUnreadCount, {std::string(recipient)})[0].integer(0);
}

void MessageStore::mark_inbox_read(db::Connection& c, std::string_view recipient,
                                   std::int64_t now_ms) const {
  c.execute(kInboxRead, {now_ms, std::string(recipient)});
}

NotificationPreferences MessageStore::preferences(db::Connection& c,
                                                  std::string_view recipient) const {
  auto rows = c.query(kPreferences, {std::string(recipient)});
  NotificationPreferences p;
  if (rows.empty()) return p;
  p.email_enabled = rows[0].integer(0) != 0;
  if (!rows[0].text(1).empty()) {
    p.email = privacy::decrypt(keys_, rows[0].text(1), email_binding(recipient)).value_or("");
  }
  return p;
}

void MessageStore::save_preferences(db::Connection& c, std::string_view recipient,
                                    const NotificationPreferences& p, std::int64_t now_ms) const {
  std::string sealed =
      p.email.empty() ? std::string() : privacy::encrypt(keys_, p.email, email_binding(recipient));
  c.execute(kSavePreferences, {std::string(recipient), std::int64_t{p.email_enabled ? 1 : 0},
                               std::move(sealed), now_ms});
}

std::vector<Status> MessageStore::statuses(db::Connection& c, std::string_view case_id) const {
  auto rows = c.query(kStatuses, {std::string(case_id)});
  std::vector<Status> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto r = rows[i];
    std::string type = r.text(1);
    if (auto slash = type.rfind('/'); slash != std::string::npos) type = type.substr(slash + 1);
    std::string note;
    boost::system::error_code ec;
    auto data = boost::json::parse(r.text(3), ec);
    if (!ec && data.is_object()) {
      if (const auto* t = data.as_object().if_contains("statustoelichting"); t && t->is_string()) {
        note = std::string(t->as_string());
      }
    }
    out.push_back({r.text(0), std::string(case_id), std::move(type), r.text(2), std::move(note)});
  }
  return out;
}

}  // namespace loket::cases
