// zrc-015 (zrc-021 in the 1.7 specification): the archive parameters a zaak gets when it closes.
// The rule is cases::derive_archive; this collects its facts — the resultaattype, the hoofdzaak,
// the zaakeigenschap or zaakobjecten the datumkenmerk names, the relevant other zaken.
#pragma once

#include <boost/json/object.hpp>

#include "standards/zgw/api.hpp"
#include "standards/zgw/catalogi.hpp"
#include "standards/zgw/zaken.hpp"

namespace loket::zgw {

// Sets archiefnominatie and archiefactiedatum of `zaak` (stored form, einddatum set), inside the
// write transaction. Throws ValidationError (nonFieldErrors, archiefactiedatum-error, as the
// reference implementation does) when the afleidingswijze asks for a date the zaak does not
// hold: no such zaakeigenschap or zaakobject, one without a date, no related zaak.
void derive_zaak_archive(Call& call, const Zaken& zaken, const Catalogi& catalogi,
                         boost::json::object& zaak);

// Before a closing, outside the write transaction: fetches the objects on other hosts that the
// derivation will read (zaakobjecten by URL, related zaken elsewhere), so that they come from
// Api::resolve's cache while the transaction holds its locks.
void prefetch_zaak_archive(Call& call, const Zaken& zaken, const Catalogi& catalogi,
                           const boost::json::object& zaak);

}  // namespace loket::zgw
