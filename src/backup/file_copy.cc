// CopyFileSynced, DigestFile and friends (file_copy.h): plain POSIX I/O and OpenSSL's
// SHA-256. (backup/)
#include "backup/file_copy.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "storage/backup.h"

namespace porpoise::backup {
namespace {

Status FileError(const std::string& what, const std::string& path) {
  return Status::WithMessage(ER_UNKNOWN_ERROR,
                             "Cannot " + what + " " + path + ": " + std::strerror(errno));
}

// Closes a descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting a failed close (a write error that surfaced late).
  bool Close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

struct DigestDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

// Reads `fd` to its end in chunks, handing each to `consume`, and returns its digest.
Result<FileDigest> ReadDigested(int fd, const std::string& path,
                                const std::function<Status(const char*, size_t)>& consume) {
  std::unique_ptr<EVP_MD_CTX, DigestDeleter> context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "Cannot start a SHA-256 digest");
  }
  FileDigest digest;
  std::vector<char> buffer(1 << 20);
  while (true) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return FileError("read", path);
    if (got == 0) break;
    auto length = static_cast<size_t>(got);
    EVP_DigestUpdate(context.get(), buffer.data(), length);
    digest.size += length;
    if (consume) PORPOISE_RETURN_IF_ERROR(consume(buffer.data(), length));
  }
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int hash_length = 0;
  EVP_DigestFinal_ex(context.get(), hash, &hash_length);
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned int i = 0; i < hash_length; ++i) {
    digest.sha256 += kHex[hash[i] >> 4];
    digest.sha256 += kHex[hash[i] & 0xf];
  }
  return digest;
}

Status WriteAll(int fd, const char* data, size_t length, const std::string& path) {
  while (length > 0) {
    ssize_t written = ::write(fd, data, length);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return FileError("write", path);
    data += written;
    length -= static_cast<size_t>(written);
  }
  return Status::OK();
}

// A new file with exactly `mode` (fchmod: the umask does not narrow or widen it).
Result<int> CreateFile(const std::string& path, uint32_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return FileError("create", path);
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
    Status status = FileError("set the mode of", path);
    ::close(fd);
    return status;
  }
  return fd;
}

Status SyncAndClose(FileDescriptor& file, const std::string& path) {
  if (::fsync(file.get()) != 0) return FileError("sync", path);
  if (!file.Close()) return FileError("close", path);
  return Status::OK();
}

}  // namespace

Result<FileDigest> CopyFileSynced(const std::string& from, const std::string& to, uint32_t mode) {
  FileDescriptor source(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (source.get() < 0) return FileError("open", from);
  PORPOISE_ASSIGN_OR_RETURN(int target_fd, CreateFile(to, mode));
  FileDescriptor target(target_fd);
  PORPOISE_ASSIGN_OR_RETURN(
      FileDigest digest,
      ReadDigested(source.get(), from, [&](const char* data, size_t length) {
        return WriteAll(target.get(), data, length, to);
      }));
  PORPOISE_RETURN_IF_ERROR(SyncAndClose(target, to));
  return digest;
}

Result<FileDigest> DigestFile(const std::string& path) {
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return FileError("open", path);
  return ReadDigested(file.get(), path, nullptr);
}

Result<uint32_t> FileMode(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return FileError("read the mode of", path);
  return static_cast<uint32_t>(status.st_mode & 07777);
}

Result<std::string> ReadTextFile(const std::string& path) {
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return FileError("open", path);
  std::string text;
  PORPOISE_RETURN_IF_ERROR(ReadDigested(file.get(), path, [&](const char* data, size_t length) {
                             text.append(data, length);
                             return Status::OK();
                           }).status());
  return text;
}

Status WriteFileSynced(const std::string& to, std::string_view text, uint32_t mode) {
  PORPOISE_ASSIGN_OR_RETURN(int fd, CreateFile(to, mode));
  FileDescriptor file(fd);
  PORPOISE_RETURN_IF_ERROR(WriteAll(file.get(), text.data(), text.size(), to));
  return SyncAndClose(file, to);
}

Status SyncParentDirectory(const std::string& directory) {
  std::error_code error;
  std::filesystem::path path = std::filesystem::absolute(directory, error).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();  // "/a/b/" names b
  return storage::SyncPath(path.parent_path().string());
}

}  // namespace porpoise::backup
