#include "large_pages.h"

#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace waymark::detail {

void* allocate_in_huge_pages(std::size_t bytes) {
  void* memory = std::aligned_alloc(huge_page_bytes, bytes);
  if (!memory) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
  // Refused (huge pages disabled, or an old kernel), the memory is just ordinary pages.
  madvise(memory, bytes, MADV_HUGEPAGE);
#endif
  return memory;
}

}  // namespace waymark::detail
