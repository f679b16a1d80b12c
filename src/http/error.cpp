// problem+json rendering (RFC 9457) with titles in Dutch and English.
#include "http/error.hpp"

#include <array>
#include <boost/json.hpp>

namespace loket::http {
namespace {

struct Title {
  std::string_view code, nl, en;
};

constexpr std::array kTitles{
    Title{"invalid-request", "De aanvraag is niet goed ingevuld.", "The request is not valid."},
    Title{"unauthorized", "U bent niet ingelogd.", "You are not logged in."},
    Title{"forbidden", "U heeft geen toegang.", "You do not have access."},
    Title{"not-found", "Niet gevonden.", "Not found."},
    Title{"method-not-allowed", "Deze methode is hier niet toegestaan.",
          "This method is not allowed here."},
    Title{"conflict", "Dit botst met de huidige toestand.",
          "This conflicts with the current state."},
    Title{"too-many-attempts", "Te veel pogingen.", "Too many attempts."},
    Title{"payload-too-large", "De inhoud is te groot.", "The content is too large."},
    Title{"unsupported-media-type", "Dit mediatype wordt niet ondersteund.",
          "This media type is not supported."},
    Title{"headers-too-large", "De kopregels zijn te groot.", "The request headers are too large."},
    Title{"request-timeout", "De aanvraag duurde te lang.", "The request took too long."},
    Title{"not-implemented", "Deze methode wordt niet ondersteund.",
          "This method is not supported."},
    Title{"unsupported-transfer-coding", "Deze overdrachtscodering wordt niet ondersteund.",
          "This transfer coding is not supported."},
    Title{"service-unavailable",
          "De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.",
          "The service is temporarily unavailable. Please try again later."},
    // The codes of the ZGW APIs (as their reference implementations name them).
    Title{"not_authenticated", "Authenticatiegegevens zijn niet opgegeven of ongeldig.",
          "Authentication credentials were not provided or are invalid."},
    Title{"permission_denied", "U heeft geen toestemming om deze actie uit te voeren.",
          "You do not have permission to perform this action."},
    Title{"not_found", "Niet gevonden.", "Not found."},
    Title{"invalid", "Ongeldige invoer.", "Invalid input."},
    Title{"parse_error", "De inhoud is geen geldige JSON.", "Malformed request."},
    Title{"unsupported_media_type", "Dit mediatype wordt niet ondersteund.",
          "Unsupported media type in the request."},
    Title{"precondition_failed", "Een verplichte header ontbreekt.",
          "A required header is missing."},
    Title{"not_acceptable", "Het gevraagde formaat kan niet worden geleverd.",
          "The requested format cannot be delivered."},
    Title{"unsupported_crs", "Dit coördinatenstelsel wordt niet ondersteund.",
          "This coordinate reference system is not supported."},
    Title{"internal-error", "Er ging iets mis bij ons. Probeer het later opnieuw.",
          "Something went wrong on our side. Please try again later."},
};

}  // namespace

std::string_view problem_title(std::string_view code, bool english) {
  for (const auto& t : kTitles) {
    if (t.code == code) return english ? t.en : t.nl;
  }
  return english ? "Error." : "Fout.";
}

bool prefers_english(std::string_view accept_language) {
  // Good enough for two languages: whichever of "en" and "nl" is named first wins.
  auto en = accept_language.find("en");
  auto nl = accept_language.find("nl");
  return en != std::string_view::npos && (nl == std::string_view::npos || en < nl);
}

Response problem_response(const Error& error, std::string_view instance,
                          std::string_view accept_language) {
  boost::json::object body;
  body["type"] = "urn:loket:problem:" + error.code();
  body["title"] = problem_title(error.code(), prefers_english(accept_language));
  body["status"] = error.status();
  body["detail"] = error.detail();
  body["instance"] = instance;
  body["code"] = error.code();
  if (!error.invalid_params().empty()) {
    boost::json::array params;
    for (const auto& p : error.invalid_params()) {
      params.push_back({{"name", p.name}, {"code", p.code}, {"reason", p.reason}});
    }
    body["invalidParams"] = std::move(params);
  }
  Response r =
      Response::text(error.status(), boost::json::serialize(body), "application/problem+json");
  for (const auto& [k, v] : error.headers().all()) r.headers.set(k, v);
  return r;
}

}  // namespace loket::http
