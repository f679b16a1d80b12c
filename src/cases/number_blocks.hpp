// Numbers a process hands out from blocks it reserved, so that a submit's transaction never
// holds a counter's row lock until its commit (issue 9: that lock serialised every submit).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace loket::cases {

// Per counter (a name such as "ref|<rsin>|2026"): the next number of the block this process
// holds, reserving a new block through `reserve` when it is used up. A block's unused numbers
// are lost when the process stops, so numbers have gaps but never repeat.
class NumberBlocks {
 public:
  // Reserves `n` numbers in a transaction of its own and returns the last of them.
  using Reserve = std::function<std::int64_t(std::int64_t n)>;
  explicit NumberBlocks(std::int64_t block_size = kDefaultBlock) : block_size_(block_size) {}

  std::int64_t next(const std::string& counter, const Reserve& reserve);

  static constexpr std::int64_t kDefaultBlock = 64;

 private:
  struct Block {
    std::int64_t next = 0, last = -1;  // empty
  };
  std::int64_t block_size_;
  std::mutex mutex_;  // held while a block is reserved: others of this process wait for it
  std::map<std::string, Block, std::less<>> blocks_;
};

}  // namespace loket::cases
