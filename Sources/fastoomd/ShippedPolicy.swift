/// A copy of config/policy.json, the shipped default policy, in the binary: what commands use
/// when neither `--config` nor the installed file is there. A test checks that it is the file,
/// byte for byte, so the two cannot drift.
enum ShippedPolicy {
    static let json = #"""
        {
          "comment": "fastoomd's shipped default policy. Each module reads its own section; `fastoomd check-config FILE` validates a file and lists every problem with its JSON path.",
          "kill_policy": {
            "comment": "Who may be killed, in which order, and how. Rules match a process by comm (exact, at most 15 bytes: the kernel truncates longer names) or comm_regex, cmdline_regex (argv joined with single spaces), exe or exe_regex (/proc/PID/exe; exe also matches the ' (deleted)' form left by a package upgrade), cgroup_prefix or cgroup_regex (the memory cgroup path), and uid (numbers only). Regexes are POSIX extended regular expressions, as earlyoom's --prefer and --avoid read them ([0-9] or [[:digit:]], no Perl classes), searched anywhere in the text; anchor them with ^...$. Every matcher of a rule must match; a list matches when any of its rules does. Always excluded whatever the rules say: PID 1, kernel threads, fastoomd itself, zombies, oom_score_adj -1000, and the init (PID 1) of every PID namespace.",
            "protect": [
              { "comm_regex": "^sshd(-session|-auth)?$", "comment": "Remote access is how a person fixes the node. OpenSSH 9.8 and later splits sshd into sshd-session (and, from 10.0, sshd-auth) per connection." },
              { "comm": "systemd", "comment": "PID 1 on most distributions (excluded anyway as PID 1) and every user's service manager: killing one takes all its services with it." },
              { "comm": "init", "comment": "PID 1 of sysvinit, busybox and others, named for readers who look for it here." },
              { "comm": "systemd-journal", "comment": "systemd-journald (comm is truncated to 15 bytes): logging must survive the incident it should record." },
              { "comm": "cron", "comment": "Debian's cron: scheduled maintenance and recovery jobs." },
              { "comm": "crond", "comment": "cronie's crond (Red Hat, Fedora, Arch)." },
              { "comm": "dbus-daemon", "comment": "The system bus: logind, NetworkManager and systemctl talk through it." },
              { "comm": "dbus-broker", "comment": "The system bus where dbus-broker replaces dbus-daemon (Fedora, Arch)." },
              { "comm": "dbus-broker-lau", "comment": "dbus-broker-launch (truncated comm), which runs dbus-broker." },
              { "comm": "containerd", "comment": "The container runtime: killing it orphans every container of the node." },
              { "comm": "containerd-shim", "comment": "containerd-shim-runc-v2 (truncated comm): one per container; small, and its death leaves the container unmanaged." },
              { "comm": "dockerd", "comment": "The Docker daemon: killing it stops or orphans every container." },
              { "comm": "kubelet", "comment": "The Kubernetes node agent: without it the node goes NotReady and its pods are evicted." },
              { "comm": "fastoomd", "comment": "fastoomd itself (its own PID is always excluded) and any other instance, such as a per-container one." }
            ],
            "avoid": [
              { "comm": "postgres", "comment": "PostgreSQL: killing one backend makes the postmaster restart every connection and replay the WAL." },
              { "comm": "postmaster", "comment": "PostgreSQL's server process on older releases." },
              { "comm": "mysqld", "comment": "MySQL: a kill means crash recovery and lost in-flight transactions." },
              { "comm": "mariadbd", "comment": "MariaDB 10.5 and later (mysqld before)." },
              { "comm": "mongod", "comment": "MongoDB: a kill means journal recovery and a replica-set election." },
              { "comm": "redis-server", "comment": "Redis: its data lives in memory, so a kill loses everything since the last snapshot." },
              { "comm": "valkey-server", "comment": "Valkey, the Redis fork: the same reason." },
              { "comm": "etcd", "comment": "Kubernetes' store: losing a member risks the control plane's quorum." }
            ],
            "prefer": [],
            "weights": {
              "comment": "score = oom_score x oom_score + oom_score_adj x oom_score_adj + freeable_permille x freeable per mille of the target's memory. Freeable memory is anonymous + shmem + swap: what a kill gives back. The kernel's oom_score counts file-backed RSS, which a kill does not free (earlyoom and nohang killed a latency-critical web service whose RSS was mostly a mapped data file), so its weight is 0; oom_score_adj keeps the administrator's and kubelet's preferences (BestEffort pods 1000, Guaranteed -997) on the same per-mille scale.",
              "oom_score": 0,
              "oom_score_adj": 1,
              "freeable_permille": 1
            },
            "kill": {
              "comment": "One process at a time by default: the smallest kill that frees memory. Set a target's granularity to cgroup to take a whole container down with its init, or process_group for job-style workloads; a group or cgroup holding a protected process is narrowed to the victim alone. SIGTERM first is off: near OOM there is rarely time, and a process that cleans up allocates; set sigterm_grace_ms to allow it when the predictor reports time to spare. exit_wait_ms bounds the wait for the victim's exit after SIGKILL and process_mrelease.",
              "granularity": "process",
              "targets": [],
              "sigterm_grace_ms": 0,
              "exit_wait_ms": 1000
            },
            "governor": {
              "comment": "No cool-down by default: each kill already waits for the victim's exit and a fresh sample, so one kill per tick is safe, and a pod filled by a hundred 8 MiB workers needs about forty kills in a few seconds. The budget of 64 kills in 10 s stops a runaway (a bad rule, a fork bomb that refills as fast as it is killed); past it fastoomd logs an error and leaves the rest to the kernel's OOM killer.",
              "cooldown_ms": 0,
              "max_kills": 64,
              "window_ms": 10000
            }
          }
        }
        """#
}
