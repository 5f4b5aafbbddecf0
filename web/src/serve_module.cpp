// waymark-serve.so: `waymark serve` opens this module and calls the function exported here.
#include <waymark/web/serve_module.h>

#include <boost/dll/alias.hpp>

namespace waymark::web {

namespace {

void serve(const PolicyRegistry& registry, const ServerOptions& options, const OnListening& on_listening) {
  Server server(registry, options);
  server.bind();
  on_listening(server.address());
  server.run();
}

}  // namespace

}  // namespace waymark::web

BOOST_DLL_ALIAS(waymark::web::serve, waymark_serve)
