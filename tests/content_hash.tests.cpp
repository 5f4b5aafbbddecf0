// A policy's content hash is what stored records and saved sessions are checked against, so it
// must never change for the same policy: these are the hashes the bundled policies had when
// records were first written (and a change of meaning must still change it).
#include "support/policy_text.h"

#include <waymark/loader.h>
#include <waymark/plugin_registry.h>
#include <waymark/sha256.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

using namespace waymark;
namespace fs = std::filesystem;

TEST_CASE("the bundled policies keep the content hashes their records were written with", "[loader][hash]") {
  PluginRegistry plugins;
  plugins.add_directory(WAYMARK_BUILD_PLUGINS);
  REQUIRE(plugins.problems().empty());
  const std::pair<const char*, const char*> pinned[] = {
      {"adult-non-engagement", "3d7913bd8e81299b0620a41ee05c428cf3bf07ed922cbf7cd559bb46a236ec2a"},
      {"childrens-persistent-non-engagement", "45651ed75f993be897852c8e040b8ed005530ff3f050d7045580f1e503b1a038"},
      {"cqc-refusal-pathway", "014cdc256a1554eb3b2d7bb7005440c7fd43735dbd724f06c055c3e15c0570da"},
      {"enforcement-risk", "78e43f2ed941eeea239f0ace2d2300a5dedca933ec4e9392e3ab608e37193c83"},
      {"practice-failure-remediation", "474e61633e0ff54aaf5ba005bab5f8d364ec30021af8b08728735d6b19496043"},
  };
  for (const auto& [id, hash] : pinned) {
    INFO(id);
    const auto policy = load_policy_file(fs::path(WAYMARK_POLICIES) / (std::string(id) + ".toml"), plugins.functions());
    CHECK(policy->content_hash() == hash);
  }
  const auto fixture = load_policy_file(fs::path(WAYMARK_FIXTURES) / "answers_policy.toml");
  CHECK(fixture->content_hash() == "4d428d27cdc19d79ae4438f2cf43e48c264142cf0eab25fa1130c6d1d40bd112");
}

TEST_CASE("text needing escapes, numbers and conditions keep their pinned content hash", "[loader][hash]") {
  // Quotes, a tab, a backslash, a control character, accented and non-Latin text, line breaks,
  // whole and fractional bounds, and numbers in a condition: every way the canonical form escapes
  // or formats a value.
  const std::string question = R"(
[[question]]
id = "q"
text = "Is it \"safe\"?\tA back\\slash, a bell \u0007, caf\u00e9 and \u2014 a dash"
help = "line one\nline two\r\nslash /"
kind = "number"
min = 0
max = 2.5
source = "s"

[[action]]
id = "a"
text = "A"
kind = "step"
owner = "worker"
urgency = "immediate"
why = "w"
source = "s"
when = "q >= 1.5 and q != 2"
)";
  const std::string text = test::policy_header_using("p", "") + question;
  CHECK(load_policy_text(text, "p.toml")->content_hash() ==
        "4fcf62352761e697cdb9edde78f2092bd8c2446005cafbb1ce47246c2abdee6e");
  // Layout and comments do not change it; meaning does.
  CHECK(load_policy_text("# reviewed\n" + text, "p.toml")->content_hash() ==
        "4fcf62352761e697cdb9edde78f2092bd8c2446005cafbb1ce47246c2abdee6e");
  std::string changed = text;
  changed.replace(changed.find("max = 2.5"), 9, "max = 3.5");
  CHECK(load_policy_text(changed, "p.toml")->content_hash() !=
        "4fcf62352761e697cdb9edde78f2092bd8c2446005cafbb1ce47246c2abdee6e");
}

TEST_CASE("SHA-256 gives the FIPS 180-2 digests, across block boundaries", "[hash]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1'000'000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
