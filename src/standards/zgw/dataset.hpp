// `loket seed --dataset large`: a generated registry for the benchmarks: catalogues with case
// types (through the Catalogi API's own rules) and a million cases with a status and an
// initiator each (bulk-loaded through the resources' storage, BSNs encrypted as always).
// The same seed number gives the same data, uuids included.
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
  int organisations = 3;
  std::int64_t residents = 200'000;  // distinct BSNs among the initiators
};

struct DatasetResult {
  bool already_there = false;
  std::int64_t zaaktypen = 0, zaken = 0;
  std::vector<std::string> sample_bsns;     // residents that have cases
  std::vector<std::string> sample_zaken;    // uuids
  std::vector<std::string> zaaktypen_urls;  // relative
  std::string rsin;                         // of the first organisation
};

// `progress` is called now and then with the number of cases written so far.
DatasetResult seed_dataset(Api& api, const DatasetOptions& options,
                           const std::function<void(std::int64_t)>& progress);

// A valid BSN (11-proef) for resident number n of a dataset; the same n gives the same BSN.
std::string dataset_bsn(std::uint64_t seed, std::int64_t n);

}  // namespace loket::zgw
