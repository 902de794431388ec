// The process-wide SQLite configuration. (storage/)
#include "storage/sqlite_setup.h"

#include <pthread.h>
#include <sqlite3.h>

#include <array>
#include <mutex>

namespace porpoise::storage {

namespace {

// What SQLite's sqlite3_mutex handles point to here.
struct Mutex {
  pthread_mutex_t mutex;
};

// SQLITE_MUTEX_STATIC_MAIN (2) up to SQLITE_MUTEX_STATIC_VFS3 (13), with room to spare.
constexpr int kFirstStatic = 2;
std::array<Mutex, 16> static_mutexes;

void InitMutex(Mutex* mutex, int kind) {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_settype(&attributes, kind);
  pthread_mutex_init(&mutex->mutex, &attributes);
  pthread_mutexattr_destroy(&attributes);
}

Mutex* Of(sqlite3_mutex* handle) { return reinterpret_cast<Mutex*>(handle); }
sqlite3_mutex* Handle(Mutex* mutex) { return reinterpret_cast<sqlite3_mutex*>(mutex); }

bool IsStatic(const Mutex* mutex) {
  return mutex >= static_mutexes.data() && mutex < static_mutexes.data() + static_mutexes.size();
}

int MutexInit() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (Mutex& mutex : static_mutexes) InitMutex(&mutex, PTHREAD_MUTEX_ADAPTIVE_NP);
  });
  return SQLITE_OK;
}

int MutexEnd() { return SQLITE_OK; }

sqlite3_mutex* MutexAlloc(int type) {
  if (type == SQLITE_MUTEX_FAST || type == SQLITE_MUTEX_RECURSIVE) {
    auto* mutex = new Mutex;
    InitMutex(mutex, type == SQLITE_MUTEX_FAST ? PTHREAD_MUTEX_ADAPTIVE_NP
                                               : PTHREAD_MUTEX_RECURSIVE);
    return Handle(mutex);
  }
  int index = type - kFirstStatic;
  if (index < 0 || index >= static_cast<int>(static_mutexes.size())) return nullptr;
  return Handle(&static_mutexes[static_cast<size_t>(index)]);
}

void MutexFree(sqlite3_mutex* handle) {
  Mutex* mutex = Of(handle);
  if (mutex == nullptr || IsStatic(mutex)) return;
  pthread_mutex_destroy(&mutex->mutex);
  delete mutex;
}

void MutexEnter(sqlite3_mutex* handle) { pthread_mutex_lock(&Of(handle)->mutex); }

int MutexTry(sqlite3_mutex* handle) {
  return pthread_mutex_trylock(&Of(handle)->mutex) == 0 ? SQLITE_OK : SQLITE_BUSY;
}

void MutexLeave(sqlite3_mutex* handle) { pthread_mutex_unlock(&Of(handle)->mutex); }

// Only a debugging build of SQLite asks (inside its assertions); "cannot tell" is true for
// both, as SQLite's own pthread mutexes answer without ownership tracking.
int MutexHeld(sqlite3_mutex*) { return 1; }
int MutexNotheld(sqlite3_mutex*) { return 1; }

const sqlite3_mutex_methods kMutexMethods = {MutexInit,  MutexEnd,   MutexAlloc,
                                             MutexFree,  MutexEnter, MutexTry,
                                             MutexLeave, MutexHeld,  MutexNotheld};

}  // namespace

void SetUpSqlite() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Both fail (and the defaults stay) only when SQLite was initialized already.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MUTEX, &kMutexMethods);
    sqlite3_initialize();
  });
}

}  // namespace porpoise::storage
