// Reads a guarded member without its mutex: -Werror=thread-safety must reject it.
#include "util/thread_annotations.h"

namespace {
struct Counter {
  nzbd::util::Mutex mu;
  int value GUARDED_BY(mu) = 0;
  int read_unlocked() { return value; }  // the violation
  int read_locked() {
    nzbd::util::Lock lock(mu);
    return value;
  }
};
}  // namespace

int main() {
  Counter c;
  return c.read_unlocked() + c.read_locked();
}
