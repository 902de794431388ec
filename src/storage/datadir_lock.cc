// DataDirLock: an flock(2) on a file of the data directory. (storage/)
#include "storage/datadir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>


namespace porpoise::storage {

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

Result<DataDirLock> DataDirLock::Acquire(const std::string& datadir) {
  std::string path = datadir + "/porpoised.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "Unable to open the lock file " + path + ": " +
                                                     std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return Status::WithMessage(ER_UNKNOWN_ERROR,
                                 "Unable to lock " + path +
                                     ": another porpoised is using the data directory " +
                                     datadir);
    }
    return Status::WithMessage(ER_UNKNOWN_ERROR,
                               "Unable to lock " + path + ": " + std::strerror(error));
  }
  return DataDirLock(fd);
}

}  // namespace porpoise::storage
