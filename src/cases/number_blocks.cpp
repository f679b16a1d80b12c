// Numbers from reserved blocks; see number_blocks.hpp.
#include "cases/number_blocks.hpp"

namespace loket::cases {

std::int64_t NumberBlocks::next(const std::string& counter, const Reserve& reserve) {
  std::lock_guard lock(mutex_);
  auto& b = blocks_[counter];
  if (b.next > b.last) {
    auto last = reserve(block_size_);
    b = Block{last - block_size_ + 1, last};
  }
  return b.next++;
}

}  // namespace loket::cases
