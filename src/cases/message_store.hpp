// Following a case: the message thread between the resident and the organisation, the
// resident's inbox lines and notification preferences, and the statuses a case went through
// (its timeline). SQL only; the case service decides who may write what.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/model.hpp"
#include "db/database.hpp"
#include "privacy/field_crypto.hpp"

namespace loket::cases {

enum class AuthorKind { Resident, Staff };

struct Message {
  std::string id;  // uuid
  std::string case_id;
  AuthorKind author_kind = AuthorKind::Resident;
  std::string author_id;  // resident: blind index of their number; staff: account id
  std::string body;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> read_ms;  // when the other side first read it
};

// A line in a resident's inbox: an informing event of one of their cases.
struct InboxItem {
  std::string id;
  std::string recipient;  // blind index
  std::string case_id;
  std::string event_id;
  std::string kind;    // the event kind
  std::string detail;  // the status's resident text, the question, or ""
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> read_ms;
};

struct NotificationPreferences {
  bool email_enabled = false;
  std::string email;  // plain here, encrypted in the table
};

// The largest message body, in characters (UTF-8 code points).
inline constexpr std::size_t kMaxMessageChars = 10'000;
inline constexpr std::int64_t kInboxPerPage = 20;

// Whom the inbox and preferences name: a blind index of the person's number (never the number).
std::string recipient_index(const privacy::KeyRing& keys, PartyKind kind, std::string_view number);

class MessageStore {
 public:
  explicit MessageStore(const privacy::KeyRing& keys) : keys_(keys) {}

  void insert_message(db::Connection& c, const Message& m) const;
  // Oldest first.
  std::vector<Message> messages(db::Connection& c, std::string_view case_id) const;
  std::optional<Message> message(db::Connection& c, std::string_view id) const;
  // Marks the messages of `case_id` written by the other side (`reader` is who reads) as read.
  void mark_read(db::Connection& c, std::string_view case_id, AuthorKind reader,
                 std::int64_t now_ms) const;

  // Adds the line unless this event already gave this recipient one (then false).
  bool insert_inbox_item(db::Connection& c, const InboxItem& item) const;
  // Newest first, `limit` after `offset`.
  std::vector<InboxItem> inbox(db::Connection& c, std::string_view recipient, std::int64_t offset,
                               std::int64_t limit) const;
  std::int64_t inbox_count(db::Connection& c, std::string_view recipient) const;
  // One statement on its own (the portal's header asks on every page).
  std::int64_t unread_count(db::Database& db, std::string_view recipient) const;
  void mark_inbox_read(db::Connection& c, std::string_view recipient, std::int64_t now_ms) const;

  NotificationPreferences preferences(db::Connection& c, std::string_view recipient) const;
  void save_preferences(db::Connection& c, std::string_view recipient,
                        const NotificationPreferences& p, std::int64_t now_ms) const;

  // The statuses the case reached, oldest first.
  std::vector<Status> statuses(db::Connection& c, std::string_view case_id) const;

 private:
  const privacy::KeyRing& keys_;
};

}  // namespace loket::cases
