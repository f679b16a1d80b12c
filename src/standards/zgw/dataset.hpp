// `loket seed --dataset large`: a generated registry for the benchmarks, shaped like a real
// deployment: eight organisations (one large municipality with about a third of the cases),
// catalogues with case types (through the Catalogi API's own rules), and a million cases with
// a status and an initiator each (bulk-loaded through the resources' storage, BSNs and KvK
// numbers sealed as always). Residents have 1 to 20 cases, some initiators are businesses,
// deadlines lie in the past and the future. The demo login's test persons have cases too, so
// a benchmark logs in as them. The same seed number gives the same data, uuids included.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "standards/zgw/api.hpp"

namespace loket::zgw {

struct DatasetOptions {
  std::uint64_t seed = 1;
  std::int64_t cases = 1'000'000;
  int case_types = 100;
};

struct DatasetOrganisation {
  std::string id, name, rsin;
  std::int64_t cases = 0;
  std::vector<std::string> zaaktypen_urls;  // relative, published
};

struct DatasetResult {
  bool already_there = false;
  std::int64_t zaaktypen = 0, zaken = 0, residents = 0, businesses = 0;
  std::vector<std::string> sample_bsns;            // residents that have cases
  std::vector<std::string> sample_zaken;           // uuids
  std::vector<std::string> zaaktypen_urls;         // relative
  std::string rsin;                                // of the first (largest) organisation
  std::vector<DatasetOrganisation> organisations;  // the largest first
  std::vector<std::pair<std::string, std::int64_t>> demo_cases;  // "resident:999993653" → cases
};

// The organisations of the dataset: the demo catalogue's three, then five generated
// municipalities; the weights (percent of the cases) of a regional deployment.
inline constexpr int kDatasetOrganisations = 8;

// `progress` is called now and then with the number of cases written so far.
DatasetResult seed_dataset(Api& api, const DatasetOptions& options,
                           const std::function<void(std::int64_t)>& progress);

// A valid BSN (11-proef) for resident number n of a dataset; the same n gives the same BSN.
std::string dataset_bsn(std::uint64_t seed, std::int64_t n);

}  // namespace loket::zgw
