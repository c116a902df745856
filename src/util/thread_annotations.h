// Clang's thread-safety analysis (-Wthread-safety): which mutex guards which
// member, and which functions must (or must not) hold it. libstdc++'s
// std::mutex carries no annotations, so shared state uses util::Mutex and
// util::Lock below; with GCC the macros expand to nothing.
#pragma once

#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define NZBD_TSA(x) __attribute__((x))
#else
#define NZBD_TSA(x)
#endif

#define CAPABILITY(x) NZBD_TSA(capability(x))
#define SCOPED_CAPABILITY NZBD_TSA(scoped_lockable)
#define GUARDED_BY(x) NZBD_TSA(guarded_by(x))
#define PT_GUARDED_BY(x) NZBD_TSA(pt_guarded_by(x))
#define REQUIRES(...) NZBD_TSA(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) NZBD_TSA(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) NZBD_TSA(acquire_capability(__VA_ARGS__))
#define RELEASE(...) NZBD_TSA(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) NZBD_TSA(try_acquire_capability(__VA_ARGS__))
#define RETURN_CAPABILITY(x) NZBD_TSA(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS NZBD_TSA(no_thread_safety_analysis)

namespace nzbd::util {

// std::mutex with the annotations the analysis needs.
class CAPABILITY("mutex") Mutex {
 public:
  void lock() ACQUIRE() { m_.lock(); }
  void unlock() RELEASE() { m_.unlock(); }
  bool try_lock() TRY_ACQUIRE(true) { return m_.try_lock(); }
  // For std::condition_variable: wait(lock.native()) while this is held.
  std::mutex& native() { return m_; }

 private:
  std::mutex m_;
};

// std::unique_lock over a Mutex: held from construction to destruction,
// except between unlock() and lock(). native() is what a condition variable
// waits on (it gives the mutex back before returning, so the analysis,
// which does not see inside the wait, stays right).
class SCOPED_CAPABILITY Lock {
 public:
  explicit Lock(Mutex& m) ACQUIRE(m) : lock_(m.native()) {}
  ~Lock() RELEASE() {}
  void lock() ACQUIRE() { lock_.lock(); }
  void unlock() RELEASE() { lock_.unlock(); }
  std::unique_lock<std::mutex>& native() { return lock_; }

  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;

 private:
  std::unique_lock<std::mutex> lock_;
};

}  // namespace nzbd::util
