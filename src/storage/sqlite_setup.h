// The process-wide SQLite configuration, made once before the first connection opens.
// (storage/)
#ifndef PORPOISE_STORAGE_SQLITE_SETUP_H_
#define PORPOISE_STORAGE_SQLITE_SETUP_H_

namespace porpoise::storage {

// Configures SQLite for a server whose connections each serve one thread at a time, then
// initializes it. Idempotent and thread-safe; Database::Open calls it.
//
// - Memory statistics are off: with them, every allocation SQLite makes takes one global
//   mutex, which every session's statements then queue on.
// - SQLite's mutexes (the WAL index's, the VFS's, its static ones) spin briefly before they
//   sleep (glibc's adaptive mutex). They guard sections of a few hundred instructions that
//   every read transaction enters, so a waiter usually gets the mutex while still spinning
//   instead of paying two context switches.
void SetUpSqlite();

}  // namespace porpoise::storage

#endif  // PORPOISE_STORAGE_SQLITE_SETUP_H_
