// See case_documents.hpp.
#include "documents/case_documents.hpp"

#include <boost/json.hpp>

#include "common/uuid.hpp"
#include "notify/outbox.hpp"

namespace loket::documents {

std::vector<StaffDocument> staff_documents(db::Connection& c, std::string_view case_id,
                                           bool visible_only) {
  auto rows = c.query(std::string("SELECT document_uuid, case_id, added_by, title, filename, size,"
                                  " media_type, visible, created_at FROM staff_documents"
                                  " WHERE case_id = $1") +
                          (visible_only ? " AND visible = 1" : "") +
                          " ORDER BY created_at, document_uuid",
                      {std::string(case_id)});
  std::vector<StaffDocument> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    StaffDocument d;
    d.document_uuid = r.text(0);
    d.case_id = r.text(1);
    d.added_by = r.text(2);
    d.title = r.text(3);
    d.filename = r.text(4);
    d.size = r.integer(5);
    d.media_type = r.text(6);
    d.visible = r.integer(7) != 0;
    d.created_at = r.integer(8);
    out.push_back(std::move(d));
  }
  return out;
}

Result<StaffDocument> add_staff_document(DocumentService& service, db::Database& db,
                                         StagedBlob staged, const NewStaffDocument& doc) {
  NewDocument nd;
  nd.title = doc.title;
  nd.filename = doc.filename;
  nd.confidentiality = "zaakvertrouwelijk";
  nd.case_id = doc.case_id;
  nd.allowed_media_types = doc.allowed_media_types;
  nd.content_field = doc.content_field;
  nd.declared_field = doc.content_field;
  auto prepared = service.prepare(std::move(staged), nd);
  if (!prepared) return prepared.error();
  std::optional<Refusal> refusal;
  StaffDocument out;
  try {
  db.write([&](db::Connection& c) {
    refusal.reset();
    auto uuid = common::new_uuid();
    auto done = service.commit(c, *prepared, nd, uuid, 1);
    if (!done) {
      refusal = done.error();
      return;
    }
    // No document.created: the link's event announces it, once the ZGW door registered it (a
    // second event of the same moment could be handled before the link's and announce it twice).
    auto linked =
        service.link_object(c, uuid, "/zgw/zaken/api/v1/zaken/" + doc.case_id, "zaak", doc.case_id);
    if (!linked) throw Refused(linked.error());  // rolls the document back
    out.document_uuid = uuid;
    out.case_id = doc.case_id;
    out.added_by = doc.added_by;
    out.title = doc.title;
    out.filename = doc.filename;
    out.size = done->blob.size;
    out.media_type = done->blob.media_type;
    out.visible = doc.visible;
    out.created_at = now_ms();
    c.execute(
        "INSERT INTO staff_documents (document_uuid, case_id, added_by, title, filename, size,"
        " media_type, visible, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {out.document_uuid, out.case_id, out.added_by, out.title, out.filename, out.size,
         out.media_type, static_cast<std::int64_t>(out.visible ? 1 : 0), out.created_at});
    if (out.visible) {
      boost::json::object payload{
          {"case", out.case_id}, {"document", out.document_uuid}, {"title", out.title}};
      notify::enqueue_event(c, kCaseDocumentAdded, boost::json::serialize(payload),
                            out.created_at);
    }
  });
  } catch (const Refused& e) {
    return e.refusal();
  }
  if (refusal) return *refusal;
  return out;
}

}  // namespace loket::documents
