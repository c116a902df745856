#include "http/self_signed.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <memory>

namespace nzbd::http {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

bool add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

Status write_pem(const std::filesystem::path& path, mode_t mode, const std::function<int(std::FILE*)>& write) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "wb"));
  if (!f) return make_error("cannot write " + path.string());
  ::chmod(path.c_str(), mode);
  if (write(f.get()) != 1) return make_error("cannot write " + path.string());
  return ok_status();
}

}  // namespace

Status write_self_signed_certificate(const std::filesystem::path& cert_file, const std::filesystem::path& key_file) {
  char host[256] = {};
  const std::string host_name = gethostname(host, sizeof host - 1) == 0 ? host : "";
  Key key(EVP_EC_gen("P-256"));
  Cert cert(X509_new());
  if (!key || !cert) return make_error("cannot make an HTTPS key");
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7f;  // a positive serial number
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_set_version(cert.get(), 2);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("nzbd"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  std::string san = "DNS:localhost,IP:127.0.0.1,IP:::1";
  if (!host_name.empty() && host_name.find_first_of(",:\r\n") == std::string::npos) san += ",DNS:" + host_name;
  if (!add_extension(cert.get(), NID_subject_alt_name, san) ||
      !add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE"))
    return make_error("cannot make the HTTPS certificate's extensions");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return make_error("cannot sign the HTTPS certificate");
  std::error_code ec;
  std::filesystem::create_directories(cert_file.parent_path(), ec);
  std::filesystem::create_directories(key_file.parent_path(), ec);
  if (auto st = write_pem(key_file, 0600, [&](std::FILE* f) {
        return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
      });
      !st)
    return st;
  return write_pem(cert_file, 0644, [&](std::FILE* f) { return PEM_write_X509(f, cert.get()); });
}

}  // namespace nzbd::http
