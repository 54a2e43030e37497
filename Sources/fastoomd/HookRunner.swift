import LinuxSys

/// Runs the configured hooks without ever holding up the loop: a hook is started and left to
/// run; each tick `reap(nowMs:)` feeds it the rest of its input, collects it when it has ended,
/// and kills it (with its process group) once it overstays its `timeout_ms`.
///
/// The one wait is the head start of `before_kill` hooks: the kill waits for them at most their
/// `head_start_ms` (1 s at the very most) and then goes ahead whether or not they finished.
final class HookRunner {
    /// A hook that could not be started, failed, or was killed at its timeout: one error event.
    struct Problem: Equatable, CustomStringConvertible {
        let kind: HookKind
        let path: String
        let reason: String

        var description: String { "\(kind.rawValue) hook \(path): \(reason)" }
    }

    private struct Running {
        let kind: HookKind
        let hook: HookConfig
        let process: SpawnedProcess
        let deadlineMs: Int64
        var isKilled = false
    }

    /// The hooks started from now on; a reload replaces them and the running ones run on.
    var hooks: HooksConfig
    private var running: [Running] = []

    /// What a hook's environment holds: a fixed PATH, never the daemon's own environment.
    static let path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    init(hooks: HooksConfig) {
        self.hooks = hooks
    }

    /// How many hooks are still running or not yet reaped.
    var runningCount: Int { running.count }

    /// The pids of the hooks not yet reaped.
    var runningPIDs: [Int32] { running.map(\.process.pid) }

    /// Starts every hook of `kind` with `event` (one JSON line) on its stdin.
    func start(_ kind: HookKind, event: String, nowMs: Int64) -> [Problem] {
        hooks.hooks(kind).compactMap { start($0, as: kind, event: event, nowMs: nowMs) }
    }

    /// Starts one hook (a recycling rule's, which lives in its rule) as `kind`.
    func start(_ hook: HookConfig, as kind: HookKind, event: String, nowMs: Int64) -> Problem? {
        do {
            let process = try SpawnedProcess.spawn(
                path: hook.path, arguments: hook.args, environment: [Self.path, "FASTOOMD_HOOK=\(kind.rawValue)"],
                input: Array((event + "\n").utf8))
            running.append(Running(kind: kind, hook: hook, process: process, deadlineMs: nowMs + hook.timeoutMs))
            return nil
        } catch {
            return Problem(kind: kind, path: hook.path, reason: "cannot start: \(error)")
        }
    }

    /// Starts the `before_kill` hooks and waits until they have all ended or the longest head
    /// start among them has passed, whichever comes first; `clock` is the monotonic clock.
    func startBeforeKill(event: String, clock: () -> Int64) -> [Problem] {
        let startMs = clock()
        let first = running.count
        let problems = start(.beforeKill, event: event, nowMs: startMs)
        for index in running.indices.dropFirst(first) {
            let leftMs = startMs + running[index].hook.effectiveHeadStartMs - clock()
            guard leftMs > 0, let pidfd = try? PIDFD.open(pid: running[index].process.pid) else { continue }
            _ = try? pidfd.waitForExit(timeoutMs: Int32(clamping: leftMs))
        }
        return problems + reap(nowMs: clock())
    }

    /// Feeds, reaps and times out the running hooks; returns the problems of those that ended.
    /// Never blocks.
    func reap(nowMs: Int64) -> [Problem] {
        // Every tick comes here, nearly always with nothing running.
        guard !running.isEmpty else { return [] }
        var problems: [Problem] = []
        running.removeAll { entry in
            let problem = { (reason: String) in Problem(kind: entry.kind, path: entry.hook.path, reason: reason) }
            entry.process.writeInput()
            let exit: SpawnedProcess.Exit?
            do {
                exit = try entry.process.reap()
            } catch {
                problems.append(problem("cannot reap pid \(entry.process.pid): \(error)"))
                return true
            }
            switch exit {
            case .exited(code: 0): return true
            case .some(let exit):
                problems.append(
                    problem(entry.isKilled ? "killed at its timeout of \(entry.hook.timeoutMs) ms" : "\(exit)"))
                return true
            case nil:
                return false
            }
        }
        for index in running.indices where !running[index].isKilled && nowMs >= running[index].deadlineMs {
            running[index].isKilled = true
            do {
                try running[index].process.killGroup()
            } catch  where !error.isGone {
                problems.append(
                    Problem(
                        kind: running[index].kind, path: running[index].hook.path,
                        reason: "cannot kill it at its timeout: \(error)"))
            } catch {
                // It ended on its own just now; the next reap collects it.
            }
        }
        return problems
    }
}
