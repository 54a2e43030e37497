import KillPolicy
import LinuxSys
import MemSense

#if canImport(Glibc)
    import Glibc
#endif

extension Recycler {
    /// The recycler of `fastoomd run`: the configuration's rules, signals sent the way a kill
    /// sends them (`SystemProcessControl`: pidfd, identity check).
    convenience init(_ setup: RunCommand.Setup, isDryRun: Bool, record: @escaping (Event) -> Void) {
        var control = SystemProcessControl(source: setup.source)
        self.init(
            rules: setup.configuration.recyclingRules, scanIntervalMs: setup.configuration.recycling.scanIntervalMs,
            source: setup.source, isDryRun: isDryRun, ownPID: getpid(), wallMs: WallClock.nowMs, record: record
        ) { signal, identity throws(KillPolicyError) in
            try control.send(signal, toProcess: identity)
        }
    }
}

extension RunCommand {
    /// Registers the v1 usage thresholds of the daemon's recycling rules with `wakeups`.
    static func watchThresholds<Control>(of daemon: Daemon<Control>, wakeups: Wakeups, source: DirectorySource)
        -> [String]
    {
        let wanted = daemon.recycler?.usageThresholds ?? []
        return wakeups.watchThresholds(wanted.map { (source.absolutePath($0.directory), $0.capBytes) })
    }
}
