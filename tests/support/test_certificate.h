// A self-signed certificate for 127.0.0.1 and its private key, made with libcrypto when a test
// runs (no key is kept in the tree, and none is downloaded), for serving HTTPS in tests.
#pragma once

#include <filesystem>
#include <string>

namespace test {

struct TestCertificate {
  std::filesystem::path certificate;  // PEM
  std::filesystem::path private_key;  // PEM, owner-only
};

// Writes NAME.crt and NAME.key into `folder`: an EC P-256 key, and a certificate for the IP
// address 127.0.0.1 signed with it, valid from a day ago for a day.
TestCertificate make_test_certificate(const std::filesystem::path& folder, const std::string& name = "server");

}  // namespace test
