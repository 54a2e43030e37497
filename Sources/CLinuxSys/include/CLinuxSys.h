#ifndef CLINUXSYS_H
#define CLINUXSYS_H

// A thin shim for what Swift cannot call directly: the variadic syscall() and the
// macros of a few headers. No logic lives here.

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/vfs.h>
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

/// sigaction(2) with SIG_IGN, a macro Swift cannot import: the signal is discarded from now on.
static inline int clinuxsys_ignore_signal(int signal) {
    struct sigaction action = {0};
    action.sa_handler = SIG_IGN;
    sigemptyset(&action.sa_mask);
    return sigaction(signal, &action, NULL);
}

#define CLINUXSYS_NAME(code) \
    case code:               \
        return #code;

/// The symbolic name of an errno value (`"EACCES"`), or NULL for one not listed. glibc's
/// strerrorname_np would do this but needs glibc 2.32 and _GNU_SOURCE; the macros work on any libc.
static inline const char *clinuxsys_errno_name(int code) {
    switch (code) {
        CLINUXSYS_NAME(EPERM) CLINUXSYS_NAME(ENOENT) CLINUXSYS_NAME(ESRCH) CLINUXSYS_NAME(EINTR)
        CLINUXSYS_NAME(EIO) CLINUXSYS_NAME(ENXIO) CLINUXSYS_NAME(E2BIG) CLINUXSYS_NAME(EBADF)
        CLINUXSYS_NAME(ECHILD) CLINUXSYS_NAME(EAGAIN) CLINUXSYS_NAME(ENOMEM) CLINUXSYS_NAME(EACCES)
        CLINUXSYS_NAME(EFAULT) CLINUXSYS_NAME(EBUSY) CLINUXSYS_NAME(EEXIST) CLINUXSYS_NAME(ENODEV)
        CLINUXSYS_NAME(ENOTDIR) CLINUXSYS_NAME(EISDIR) CLINUXSYS_NAME(EINVAL) CLINUXSYS_NAME(ENFILE)
        CLINUXSYS_NAME(EMFILE) CLINUXSYS_NAME(ENOSPC) CLINUXSYS_NAME(EROFS) CLINUXSYS_NAME(EPIPE)
        CLINUXSYS_NAME(ERANGE) CLINUXSYS_NAME(ENAMETOOLONG) CLINUXSYS_NAME(ENOSYS) CLINUXSYS_NAME(ENOTEMPTY)
        CLINUXSYS_NAME(ENOTSOCK) CLINUXSYS_NAME(EOPNOTSUPP) CLINUXSYS_NAME(ECONNREFUSED) CLINUXSYS_NAME(ETIMEDOUT)
    default:
        return NULL;
    }
}

/// The name of a signal (`"SIGKILL"`), or NULL for one not listed.
static inline const char *clinuxsys_signal_name(int signal) {
    switch (signal) {
        CLINUXSYS_NAME(SIGHUP) CLINUXSYS_NAME(SIGINT) CLINUXSYS_NAME(SIGQUIT) CLINUXSYS_NAME(SIGKILL)
        CLINUXSYS_NAME(SIGUSR1) CLINUXSYS_NAME(SIGUSR2) CLINUXSYS_NAME(SIGTERM) CLINUXSYS_NAME(SIGCHLD)
        CLINUXSYS_NAME(SIGCONT) CLINUXSYS_NAME(SIGSTOP) CLINUXSYS_NAME(SIGPIPE)
    default:
        return NULL;
    }
}

#undef CLINUXSYS_NAME

#endif
