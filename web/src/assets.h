// The stylesheet the binary serves: the only asset, so pages load nothing from elsewhere.
#pragma once

#include <string_view>

namespace waymark::web {

std::string_view stylesheet();

}  // namespace waymark::web
