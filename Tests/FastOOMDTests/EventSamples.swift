@testable import fastoomd

/// Events for the log tests: a kill with every part filled in (quotes, slashes and a `<` in
/// its strings), and small events whose lines all have the same length.
enum EventSamples {
    static let kill: Event = {
        var event = Event(.kill, wallMs: 1_795_923_000_123, tMs: 86_400_250, target: "/kubepods/burstable/pod7")
        event.dryRun = false
        event.signal = "SIGKILL"
        event.trigger = Event.Trigger(
            state: "critical", previousState: "warning", probability: 0.93, reasons: ["available 3.1% < 5%"],
            availableBytes: 52_428_800, totalBytes: 1_677_721_600, memorySomeStallShare: 0.25,
            memoryFullStallShare: nil)
        event.victim = Event.Victim(
            pid: 4242, startTimeTicks: 123_456, comm: "stress \"ng\"", cmdline: ["stress-ng", "--vm", "1"],
            cgroup: "/kubepods/burstable/pod7", uid: 1000, rssBytes: 1_073_741_824, freeableBytes: 1_000_000_000,
            oomScore: 900, oomScoreAdj: 0)
        event.exitMs = 35
        event.freedBytes = 1_050_000_000
        return event
    }()

    /// `{"event":"state_changed","t_ms":1000N,"target":"node","wall_ms":179592300N000}`: 74 bytes
    /// with its newline for N in 0...9.
    static func small(_ number: Int64) -> Event {
        Event(.stateChanged, wallMs: 1_795_923_000_000 + number * 1000, tMs: 10_000 + number, target: "node")
    }
}
