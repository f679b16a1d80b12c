// zrc-015 (zrc-021 in the 1.7 specification): the archive parameters a zaak gets when it closes.
// The rule and the gathering of its facts are the case domain's (cases::derive_case_archive, the
// same for every door); this adapter provides what lives in its own tables or on other hosts
// (zaakeigenschappen, zaakobjecten, relevante andere zaken) and maps a refusal to ZGW.
#pragma once

#include <boost/json/object.hpp>

#include "cases/case_archive.hpp"
#include "standards/zgw/api.hpp"
#include "standards/zgw/catalogi.hpp"
#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

// What the archive derivation reads from the Zaken adapter's relations and from other hosts;
// the case service gets the same (app wiring), so a closing from the portal or back office
// derives what a closing through the Zaken API does.
cases::ArchiveSources archive_sources(Api& api, const Zaken& zaken);

// Sets archiefnominatie and archiefactiedatum of `zaak` (stored form, einddatum set), inside the
// write transaction. Throws ValidationError (nonFieldErrors, archiefactiedatum-error, as the
// reference implementation does) when the afleidingswijze asks for a date the zaak does not
// hold: no such zaakeigenschap or zaakobject, one without a date, no related zaak.
void derive_zaak_archive(Call& call, const Zaken& zaken, boost::json::object& zaak);

// Before a closing, outside the write transaction: fetches the objects on other hosts that the
// derivation will read (zaakobjecten by URL, related zaken elsewhere), so that they come from
// Api::resolve's cache while the transaction holds its locks.
void prefetch_zaak_archive(Call& call, const Zaken& zaken, const Catalogi& catalogi,
                           const boost::json::object& zaak);

}  // namespace loket::zgw
