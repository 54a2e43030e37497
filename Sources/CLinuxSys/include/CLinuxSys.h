#ifndef CLINUXSYS_H
#define CLINUXSYS_H

// A thin shim for what Swift cannot call directly: the variadic syscall() and the
// macros of a few headers. No logic lives here.

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#ifndef SYS_process_mrelease
#define SYS_process_mrelease 448
#endif

/// pidfd_open(2): a file descriptor that refers to the process `pid`.
static inline int clinuxsys_pidfd_open(pid_t pid, unsigned int flags) {
    return (int)syscall(SYS_pidfd_open, pid, flags);
}

/// pidfd_send_signal(2): sends `sig` to the process that `pidfd` refers to.
static inline int clinuxsys_pidfd_send_signal(int pidfd, int sig, unsigned int flags) {
    return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, flags);
}

/// process_mrelease(2): reaps the memory of a killed process without waiting for it to exit.
static inline int clinuxsys_process_mrelease(int pidfd, unsigned int flags) {
    return (int)syscall(SYS_process_mrelease, pidfd, flags);
}

/// The current errno, which Swift cannot read through the thread-local macro on every libc.
static inline int clinuxsys_errno(void) { return errno; }

#endif
