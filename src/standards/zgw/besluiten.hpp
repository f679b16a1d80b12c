// The Besluiten API (BRC 1.1.0): decisions and the documents that record them, a translator
// over the case domain's decisions (cases/decision_*). Only decisions that took effect are here:
// a four-eyes draft waits in the domain until it is approved.
#pragma once

#include <memory>

#include "cases/decision_service.hpp"
#include "standards/zgw/api.hpp"
#include "standards/zgw/catalogi.hpp"
#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

inline constexpr Component kBesluiten{"brc", "/zgw/besluiten/api/v1", "BRC", "Besluiten API",
                                      "1.1.0"};

// The registered resources.
struct Besluiten {
  const Resource* besluit = nullptr;
  const Resource* besluitinformatieobject = nullptr;
};

// besluiten, their audit trail, besluitinformatieobjecten and the OpenAPI document.
Besluiten add_besluiten(Api& api, const Catalogi& catalogi, const Zaken& zaken);

namespace besluiten_detail {

inline constexpr std::string_view kLezen = "besluiten.lezen";
inline constexpr std::string_view kAanmaken = "besluiten.aanmaken";
inline constexpr std::string_view kBijwerken = "besluiten.bijwerken";
inline constexpr std::string_view kVerwijderen = "besluiten.verwijderen";
inline constexpr std::string_view kAudittrails = "audittrails.lezen";

// What the hooks of besluiten*.cpp share.
struct Context {
  Api* api;
  Catalogi catalogi;
  Zaken zaken;
  std::shared_ptr<cases::DecisionService> decisions;
  Besluiten b;
};

// A besluit falls under its besluittype (the Autorisaties' brc limit); nullopt: no such besluit.
std::optional<Guard> besluit_guard(Api& api, std::string_view besluit_url);
void add_besluitinformatieobjecten(Api& api, const std::shared_ptr<Context>& ctx);
// Inside the besluit's delete: its besluitinformatieobjecten go too (brc: no soft deletes).
void delete_informatieobjecten_of(Call& call, std::string_view besluit_url);

}  // namespace besluiten_detail

}  // namespace loket::zgw
