/* Power-loss simulation for porpoised: an LD_PRELOAD library that keeps an undo journal of
 * every write not yet made durable by fsync/fdatasync, so that after SIGKILL the files can be
 * put back to what a disk would hold after a power failure (tests/e2e/test_power_loss.py).
 *
 * Environment:
 *   POWERLOSS_DIR      the directory whose files are watched (the datadir); required
 *   POWERLOSS_JOURNAL  the undo journal, outside that directory; required
 *   POWERLOSS_SKIP     comma-separated name suffixes left alone (default "-shm": SQLite
 *                      rebuilds the shared-memory index from the WAL on recovery)
 *   POWERLOSS_NO_SYNC  "1": fsync/fdatasync still reach the disk but are not recorded, so a
 *                      replay loses every write of the run (the test's negative control)
 *
 * Before the first change of a byte range of a watched regular file since its last
 * fsync/fdatasync, the old bytes and the old file size are appended to the journal (a plain
 * write: a SIGKILL does not lose what the kernel already has, and the simulated power failure
 * is a SIGKILL followed by the replay). Files are told apart by inode, as fsync tells them: a
 * successful fsync/fdatasync through any fd of a file appends a "synced" record for that file
 * carrying the sequence number the journal had when the call began: every undo record of the
 * file up to that number is durable, later ones (writes racing with the sync) are not. The
 * replay (test_power_loss.py) applies, newest first, each file's undo records newer than its
 * last "synced" record and its path's last "reset" record: truncate to the recorded old size,
 * write the old bytes.
 *
 * Simplifications, all in the direction of keeping data rather than losing it:
 * - creating, renaming and unlinking a file are durable at once (a "reset" record: earlier
 *   undo records of those paths no longer apply); the directory's own fsync is not needed;
 * - a write through an fd opened with O_SYNC/O_DSYNC makes the whole file durable;
 * - writes through fds the library did not see opened (dup, fopen inside libc) and through
 *   shared writable mmaps are not journalled (the test checks that the server maps no
 *   watched file writable).
 *
 * All journalling and the writes it covers run under one mutex: porpoised is multi-threaded.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { REC_UNDO = 1, REC_SYNCED = 2, REC_RESET = 3 };

/* One journal record; the path and then data_len bytes of old data follow it. */
struct record {
  uint32_t magic; /* 'PLR1' */
  uint32_t type;
  uint64_t seq;      /* this record's number (REC_SYNCED: the number the sync covers) */
  uint64_t offset;   /* REC_UNDO: where the old bytes go back */
  uint64_t old_size; /* REC_UNDO: the file's size before the change */
  uint64_t data_len;
  uint32_t path_len;
  uint32_t file; /* the file's number in this journal (one per inode seen) */
};
#define RECORD_MAGIC 0x31524c50u

struct range {
  uint64_t start, end;
};

/* A watched file (an inode): its path and the byte ranges whose durable content is saved.
   Entries are never freed or moved, so a pointer taken under the lock stays valid. */
struct file {
  uint32_t number;
  int gone; /* unlinked or replaced: a new file at its path is another entry */
  dev_t dev;
  ino_t ino;
  char* path;
  struct range* saved;
  size_t n_saved;
};

#define MAX_FD 65536
#define MAX_FILES 4096
static int fd_file[MAX_FD];  /* number + 1 of the fd's file, 0: not watched */
static int fd_sync[MAX_FD];  /* the fd was opened with O_SYNC or O_DSYNC */
static struct file* files[MAX_FILES];
static uint32_t n_files;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char dir[PATH_MAX];
static size_t dir_len;
static char skip[1024] = "-shm";
static int journal = -1;
static int no_sync;
static uint64_t seq;

static int (*real_open)(const char*, int, ...);
static int (*real_open64)(const char*, int, ...);
static int (*real_openat)(int, const char*, int, ...);
static int (*real_openat64)(int, const char*, int, ...);
static int (*real_creat)(const char*, mode_t);
static int (*real_creat64)(const char*, mode_t);
static int (*real_close)(int);
static ssize_t (*real_write)(int, const void*, size_t);
static ssize_t (*real_pwrite)(int, const void*, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void*, size_t, off64_t);
static ssize_t (*real_writev)(int, const struct iovec*, int);
static ssize_t (*real_pwritev)(int, const struct iovec*, int, off_t);
static ssize_t (*real_pwritev64)(int, const struct iovec*, int, off64_t);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_sync_file_range)(int, off64_t, off64_t, unsigned int);
static int (*real_unlink)(const char*);
static int (*real_unlinkat)(int, const char*, int);
static int (*real_rename)(const char*, const char*);
static int (*real_renameat)(int, const char*, int, const char*);
static int (*real_renameat2)(int, const char*, int, const char*, unsigned int);

#define RESOLVE(name) real_##name = dlsym(RTLD_NEXT, #name)

static void init(void) {
  RESOLVE(open);
  RESOLVE(open64);
  RESOLVE(openat);
  RESOLVE(openat64);
  RESOLVE(creat);
  RESOLVE(creat64);
  RESOLVE(close);
  RESOLVE(write);
  RESOLVE(pwrite);
  RESOLVE(pwrite64);
  RESOLVE(writev);
  RESOLVE(pwritev);
  RESOLVE(pwritev64);
  RESOLVE(ftruncate);
  RESOLVE(ftruncate64);
  RESOLVE(fsync);
  RESOLVE(fdatasync);
  RESOLVE(sync_file_range);
  RESOLVE(unlink);
  RESOLVE(unlinkat);
  RESOLVE(rename);
  RESOLVE(renameat);
  RESOLVE(renameat2);
  const char* d = getenv("POWERLOSS_DIR");
  const char* j = getenv("POWERLOSS_JOURNAL");
  const char* s = getenv("POWERLOSS_SKIP");
  const char* n = getenv("POWERLOSS_NO_SYNC");
  if (s != NULL) snprintf(skip, sizeof skip, "%s", s);
  no_sync = n != NULL && strcmp(n, "1") == 0;
  if (d == NULL || j == NULL || realpath(d, dir) == NULL) return;
  dir_len = strlen(dir);
  journal = real_open(j, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (journal < 0) {
    fprintf(stderr, "powerloss: cannot open the journal %s: %s\n", j, strerror(errno));
    abort();
  }
}

static void setup(void) { pthread_once(&once, init); }

static void die(const char* what) {
  fprintf(stderr, "powerloss: %s: %s\n", what, strerror(errno));
  abort();
}

static void write_all(int fd, const void* data, size_t len) {
  const char* p = data;
  while (len > 0) {
    ssize_t n = real_write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die("journal write");
    p += n;
    len -= (size_t)n;
  }
}

/* Appends one record; the caller holds the lock. Returns its sequence number. */
static uint64_t append(uint32_t type, uint64_t number, uint32_t file, const char* path,
                       uint64_t offset, uint64_t old_size, const void* data,
                       uint64_t data_len) {
  struct record r;
  memset(&r, 0, sizeof r);
  r.magic = RECORD_MAGIC;
  r.type = type;
  r.seq = type == REC_SYNCED ? number : ++seq;
  r.offset = offset;
  r.old_size = old_size;
  r.data_len = data_len;
  r.path_len = (uint32_t)strlen(path);
  r.file = file;
  /* One write per record where it fits, so that a SIGKILL leaves at most a torn last record
     (the replay ignores it: the change it would undo had not been made yet). */
  size_t total = sizeof r + r.path_len + data_len;
  char small[8192];
  if (total <= sizeof small) {
    memcpy(small, &r, sizeof r);
    memcpy(small + sizeof r, path, r.path_len);
    if (data_len > 0) memcpy(small + sizeof r + r.path_len, data, data_len);
    write_all(journal, small, total);
  } else {
    write_all(journal, &r, sizeof r);
    write_all(journal, path, r.path_len);
    if (data_len > 0) write_all(journal, data, data_len);
  }
  return r.seq;
}

static int skipped_name(const char* path) {
  size_t len = strlen(path);
  const char* p = skip;
  while (*p != '\0') {
    const char* end = strchr(p, ',');
    size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
    if (n > 0 && n <= len && memcmp(path + len - n, p, n) == 0) return 1;
    if (end == NULL) break;
    p = end + 1;
  }
  return 0;
}

static int under_dir(const char* path) {
  return dir_len > 0 && strncmp(path, dir, dir_len) == 0 && path[dir_len] == '/' &&
         !skipped_name(path);
}

/* The entry of the inode st names, made on first sight. The caller holds the lock. */
static struct file* file_of(const struct stat* st, const char* path) {
  for (uint32_t i = 0; i < n_files; ++i)
    if (!files[i]->gone && files[i]->dev == st->st_dev && files[i]->ino == st->st_ino)
      return files[i];
  if (n_files == MAX_FILES) {
    fprintf(stderr, "powerloss: more than %d files\n", MAX_FILES);
    abort();
  }
  struct file* f = calloc(1, sizeof *f);
  if (f == NULL) die("calloc");
  f->number = n_files;
  f->dev = st->st_dev;
  f->ino = st->st_ino;
  f->path = strdup(path);
  files[n_files++] = f;
  return f;
}

static void forget_saved(struct file* f) { f->n_saved = 0; }

/* Marks [start, end) saved, merging with the ranges it touches. */
static void mark_saved(struct file* f, uint64_t start, uint64_t end) {
  if (start >= end) return;
  struct range* out = malloc((f->n_saved + 1) * sizeof *out);
  if (out == NULL) die("malloc");
  size_t n = 0, i = 0;
  while (i < f->n_saved && f->saved[i].end < start) out[n++] = f->saved[i++];
  while (i < f->n_saved && f->saved[i].start <= end) {
    if (f->saved[i].start < start) start = f->saved[i].start;
    if (f->saved[i].end > end) end = f->saved[i].end;
    ++i;
  }
  out[n].start = start;
  out[n++].end = end;
  while (i < f->n_saved) out[n++] = f->saved[i++];
  free(f->saved);
  f->saved = out;
  f->n_saved = n;
}

/* Reads len bytes at offset through fd, or, when fd is write-only, through a new fd. */
static void read_old(int fd, char* buf, uint64_t len, uint64_t offset) {
  int reader = fd;
  if ((fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    reader = real_open(link, O_RDONLY | O_CLOEXEC);
    if (reader < 0) die("reopening a write-only file");
  }
  uint64_t got = 0;
  while (got < len) {
    ssize_t n = pread(reader, buf + got, len - got, (off_t)(offset + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die("pread");
    got += (uint64_t)n;
  }
  if (reader != fd) real_close(reader);
}

/* Journals the current bytes of [start, end) of fd's file that are not saved yet, with the
   file's current size, then marks the range saved. The caller holds the lock. */
static void save_range(int fd, struct file* f, uint64_t start, uint64_t end) {
  /* An unlinked or replaced file is out of reach after a power failure. */
  if (f->gone) return;
  struct stat st;
  if (fstat(fd, &st) != 0) die("fstat");
  uint64_t size = (uint64_t)st.st_size;
  uint64_t at = start;
  size_t i = 0;
  int wrote = 0;
  char* buf = NULL;
  while (at < end) {
    while (i < f->n_saved && f->saved[i].end <= at) ++i;
    uint64_t gap_end = end;
    if (i < f->n_saved && f->saved[i].start <= at) {
      at = f->saved[i].end;
      continue;
    }
    if (i < f->n_saved && f->saved[i].start < gap_end) gap_end = f->saved[i].start;
    /* Bytes past the end of the file have no old content: the old size undoes them. */
    uint64_t data_end = gap_end < size ? gap_end : size;
    if (at < data_end) {
      uint64_t len = data_end - at;
      buf = realloc(buf, len);
      if (buf == NULL) die("realloc");
      read_old(fd, buf, len, at);
      append(REC_UNDO, 0, f->number, f->path, at, size, buf, len);
      wrote = 1;
    } else if (!wrote && at >= size) {
      /* An append: only the old size is needed. */
      append(REC_UNDO, 0, f->number, f->path, at, size, NULL, 0);
      wrote = 1;
    }
    at = gap_end;
  }
  /* A write entirely inside saved ranges may still grow the file past its saved size; the
     first record since the sync carries the size that counts, so nothing more is needed. */
  free(buf);
  mark_saved(f, start, end);
}

/* The file fd writes to, or NULL; a quick look without the lock, for the fds not watched. */
static int watched(int fd) {
  return fd >= 0 && fd < MAX_FD && __atomic_load_n(&fd_file[fd], __ATOMIC_ACQUIRE) > 0;
}

/* The caller holds the lock, and watched(fd) was true: NULL when fd was closed since. */
static struct file* file_of_fd(int fd) {
  int i = fd_file[fd];
  return i > 0 ? files[i - 1] : NULL;
}

/* After a successful open: watch fd when it is a regular file under the directory. */
static int opened(int fd, int flags, int existed) {
  if (fd < 0 || fd >= MAX_FD || journal < 0) return fd;
  int saved_errno = errno;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  struct stat st;
  if (n > 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    path[n] = '\0';
    if (under_dir(path)) {
      pthread_mutex_lock(&lock);
      struct file* f = file_of(&st, path);
      /* A file this open created, or emptied with O_TRUNC, is durable as it now is. */
      if (!existed || (flags & O_TRUNC)) {
        append(REC_RESET, 0, f->number, path, 0, 0, NULL, 0);
        forget_saved(f);
      }
      fd_sync[fd] = (flags & (O_SYNC | O_DSYNC)) != 0;
      __atomic_store_n(&fd_file[fd], (int)f->number + 1, __ATOMIC_RELEASE);
      pthread_mutex_unlock(&lock);
    }
  }
  errno = saved_errno;
  return fd;
}

static int exists_at(int dirfd, const char* path) {
  struct stat st;
  return fstatat(dirfd, path, &st, 0) == 0;
}

/* open's third argument is there with O_CREAT and O_TMPFILE. */
static int open_flags_mode(int flags) {
  return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

#define OPEN_BODY(call, dirfd)                             \
  setup();                                                 \
  mode_t mode = 0;                                         \
  if (open_flags_mode(flags)) {                            \
    va_list ap;                                            \
    va_start(ap, flags);                                   \
    mode = va_arg(ap, mode_t);                             \
    va_end(ap);                                            \
  }                                                        \
  int existed = journal < 0 || exists_at(dirfd, path);     \
  return opened(call, flags, existed);

int open(const char* path, int flags, ...) { OPEN_BODY(real_open(path, flags, mode), AT_FDCWD) }
int open64(const char* path, int flags, ...) {
  OPEN_BODY(real_open64(path, flags, mode), AT_FDCWD)
}
int openat(int dirfd, const char* path, int flags, ...) {
  OPEN_BODY(real_openat(dirfd, path, flags, mode), dirfd)
}
int openat64(int dirfd, const char* path, int flags, ...) {
  OPEN_BODY(real_openat64(dirfd, path, flags, mode), dirfd)
}
int creat(const char* path, mode_t mode) {
  setup();
  return opened(real_creat(path, mode), O_CREAT | O_TRUNC, 1);
}
int creat64(const char* path, mode_t mode) {
  setup();
  return opened(real_creat64(path, mode), O_CREAT | O_TRUNC, 1);
}

int close(int fd) {
  setup();
  if (watched(fd)) {
    pthread_mutex_lock(&lock);
    __atomic_store_n(&fd_file[fd], 0, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&lock);
  }
  return real_close(fd);
}

static void synced_now(struct file* f) {
  append(REC_SYNCED, seq, f->number, f->path, 0, 0, NULL, 0);
  forget_saved(f);
}

/* The write of len bytes at offset (or at the current position, or at the end with
   O_APPEND) through fd: journal, then do it, all under the lock. */
#define WRITE_BODY(call, len, offset)                                     \
  setup();                                                                \
  if (!watched(fd)) return call;                                          \
  pthread_mutex_lock(&lock);                                              \
  struct file* f = file_of_fd(fd);                                        \
  off64_t at = (offset);                                                  \
  if (f != NULL && at < 0) {                                              \
    if (fcntl(fd, F_GETFL) & O_APPEND) {                                  \
      struct stat st;                                                     \
      at = fstat(fd, &st) == 0 ? st.st_size : 0;                          \
    } else {                                                              \
      at = lseek64(fd, 0, SEEK_CUR);                                      \
    }                                                                     \
  }                                                                       \
  if (f != NULL && at >= 0 && (len) > 0)                                  \
    save_range(fd, f, (uint64_t)at, (uint64_t)at + (len));                \
  ssize_t result = call;                                                  \
  int saved_errno = errno;                                                \
  if (f != NULL && result > 0 && fd_sync[fd]) synced_now(f);              \
  pthread_mutex_unlock(&lock);                                            \
  errno = saved_errno;                                                    \
  return result;

static size_t iov_len(const struct iovec* iov, int n) {
  size_t total = 0;
  for (int i = 0; i < n; ++i) total += iov[i].iov_len;
  return total;
}

ssize_t write(int fd, const void* buf, size_t n) { WRITE_BODY(real_write(fd, buf, n), n, -1) }
ssize_t pwrite(int fd, const void* buf, size_t n, off_t offset) {
  WRITE_BODY(real_pwrite(fd, buf, n, offset), n, offset)
}
ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t offset) {
  WRITE_BODY(real_pwrite64(fd, buf, n, offset), n, offset)
}
ssize_t writev(int fd, const struct iovec* iov, int cnt) {
  WRITE_BODY(real_writev(fd, iov, cnt), iov_len(iov, cnt), -1)
}
ssize_t pwritev(int fd, const struct iovec* iov, int cnt, off_t offset) {
  WRITE_BODY(real_pwritev(fd, iov, cnt, offset), iov_len(iov, cnt), offset)
}
ssize_t pwritev64(int fd, const struct iovec* iov, int cnt, off64_t offset) {
  WRITE_BODY(real_pwritev64(fd, iov, cnt, offset), iov_len(iov, cnt), offset)
}

/* A truncation saves the bytes it cuts off (and a growth just the old size). */
#define TRUNCATE_BODY(call)                                                   \
  setup();                                                                    \
  if (!watched(fd)) return call;                                              \
  pthread_mutex_lock(&lock);                                                  \
  struct file* f = file_of_fd(fd);                                            \
  struct stat st;                                                             \
  if (f != NULL && fstat(fd, &st) == 0 && length >= 0) {                      \
    uint64_t size = (uint64_t)st.st_size, to = (uint64_t)length;              \
    save_range(fd, f, to < size ? to : size, to < size ? size : to);          \
  }                                                                           \
  int result = call;                                                          \
  int saved_errno = errno;                                                    \
  pthread_mutex_unlock(&lock);                                                \
  errno = saved_errno;                                                        \
  return result;

int ftruncate(int fd, off_t length) { TRUNCATE_BODY(real_ftruncate(fd, length)) }
int ftruncate64(int fd, off64_t length) { TRUNCATE_BODY(real_ftruncate64(fd, length)) }

/* fsync/fdatasync: records up to the journal's number at the call's start are durable once
   it succeeds; writes racing with it stay undoable. */
static int sync_call(int fd, int (*call)(int)) {
  setup();
  if (!watched(fd)) return call(fd);
  pthread_mutex_lock(&lock);
  struct file* f = file_of_fd(fd);
  uint64_t covered = seq;
  pthread_mutex_unlock(&lock);
  int result = call(fd);
  int saved_errno = errno;
  if (f != NULL && result == 0 && !no_sync) {
    pthread_mutex_lock(&lock);
    append(REC_SYNCED, covered, f->number, f->path, 0, 0, NULL, 0);
    forget_saved(f);
    pthread_mutex_unlock(&lock);
  }
  errno = saved_errno;
  return result;
}

int fsync(int fd) { return sync_call(fd, real_fsync); }
int fdatasync(int fd) { return sync_call(fd, real_fdatasync); }

/* sync_file_range starts or waits for writeback but does not flush the disk's cache and
   syncs no metadata: it makes nothing durable. */
int sync_file_range(int fd, off64_t offset, off64_t nbytes, unsigned int flags) {
  setup();
  return real_sync_file_range(fd, offset, nbytes, flags);
}

/* Names: creating, renaming and unlinking count as durable at once. */

/* path as an absolute name with its directory resolved, into out; 0 when it cannot be. */
static int absolute(int dirfd, const char* path, char* out, size_t size) {
  char parent[PATH_MAX], resolved[PATH_MAX], full[2 * PATH_MAX + 2], base[PATH_MAX];
  if (journal < 0 || path == NULL) return 0;
  if (path[0] == '/') {
    parent[0] = '\0';
  } else if (dirfd == AT_FDCWD) {
    if (getcwd(parent, sizeof parent) == NULL) return 0;
  } else {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
    ssize_t n = readlink(link, parent, sizeof parent - 1);
    if (n <= 0) return 0;
    parent[n] = '\0';
  }
  snprintf(full, sizeof full, "%s/%s", parent, path);
  char* slash = strrchr(full, '/');
  snprintf(base, sizeof base, "%s", slash + 1);
  *slash = '\0';
  if (realpath(full[0] ? full : "/", resolved) == NULL) return 0;
  return snprintf(out, size, "%s/%s", resolved, base) < (int)size;
}

/* The name `from` went away (unlink), or moved to `to` (rename): the inode it named (and
   the one `to` named before) keep no undo records; a "reset" record says so for the replay. */
static void renamed(const char* from, const char* to) {
  pthread_mutex_lock(&lock);
  for (uint32_t i = 0; i < n_files; ++i) {
    struct file* f = files[i];
    if (f->gone) continue;
    if (to != NULL && strcmp(f->path, to) == 0) {
      f->gone = 1;
    } else if (strcmp(f->path, from) == 0) {
      forget_saved(f);
      if (to == NULL) {
        f->gone = 1;
      } else {
        free(f->path);
        f->path = strdup(to);
      }
    }
  }
  append(REC_RESET, 0, UINT32_MAX, from, 0, 0, NULL, 0);
  if (to != NULL) append(REC_RESET, 0, UINT32_MAX, to, 0, 0, NULL, 0);
  pthread_mutex_unlock(&lock);
}

int unlink(const char* path) {
  setup();
  char name[PATH_MAX];
  int known = absolute(AT_FDCWD, path, name, sizeof name);
  int result = real_unlink(path);
  int saved_errno = errno;
  if (result == 0 && known && under_dir(name)) renamed(name, NULL);
  errno = saved_errno;
  return result;
}
int unlinkat(int dirfd, const char* path, int flags) {
  setup();
  char name[PATH_MAX];
  int known = absolute(dirfd, path, name, sizeof name);
  int result = real_unlinkat(dirfd, path, flags);
  int saved_errno = errno;
  if (result == 0 && known && under_dir(name)) renamed(name, NULL);
  errno = saved_errno;
  return result;
}

#define RENAME_BODY(call, from_dir, from, to_dir, to)                                 \
  setup();                                                                           \
  char old_name[PATH_MAX], new_name[PATH_MAX];                                       \
  int known = absolute(from_dir, from, old_name, sizeof old_name) &&                 \
              absolute(to_dir, to, new_name, sizeof new_name);                       \
  int result = call;                                                                 \
  int saved_errno = errno;                                                           \
  if (result == 0 && known && (under_dir(old_name) || under_dir(new_name)))          \
    renamed(old_name, new_name);                                                     \
  errno = saved_errno;                                                               \
  return result;

int rename(const char* from, const char* to) {
  RENAME_BODY(real_rename(from, to), AT_FDCWD, from, AT_FDCWD, to)
}
int renameat(int fd1, const char* from, int fd2, const char* to) {
  RENAME_BODY(real_renameat(fd1, from, fd2, to), fd1, from, fd2, to)
}
int renameat2(int fd1, const char* from, int fd2, const char* to, unsigned int flags) {
  RENAME_BODY(real_renameat2(fd1, from, fd2, to, flags), fd1, from, fd2, to)
}
