import KillPolicy
import MemSense
import Predictor

extension Event.Trigger {
    /// What the predictor concluded about a target, with the sample figures behind it.
    init(_ assessment: Assessment, sample: Sample, previousState: AssessmentState? = nil) {
        self.init(
            state: assessment.state.rawValue, previousState: previousState?.rawValue,
            probability: assessment.probability, reasons: assessment.reasons.map(Self.text),
            availableBytes: sample.availableBytes, totalBytes: sample.totalBytes,
            memorySomeStallShare: sample.rates?.memorySomeStallShare,
            memoryFullStallShare: sample.rates?.memoryFullStallShare)
    }

    /// `exhaustion 0.012 (+5.21)`: the feature, its value, and what it added to the logit.
    static func text(_ reason: Reason) -> String {
        "\(reason.feature.rawValue) \(EventRendering.format(reason.value, digits: 3)) "
            + "(+\(EventRendering.format(reason.contribution, digits: 2)))"
    }
}

extension Event.Candidate {
    init(_ candidate: KillPolicy.Candidate) {
        self.init(
            pid: candidate.process.pid, comm: candidate.process.comm, score: candidate.score,
            freeableBytes: candidate.process.freeableBytes, reasons: candidate.reasons)
    }
}

extension Event.Victim {
    /// `placement`: the pod and container of the process's cgroup, if it is in one.
    init(_ process: ProcessSnapshot, placement: PodIndex.Placement? = nil) {
        self.init(
            pid: process.pid, startTimeTicks: process.identity.startTimeTicks, comm: process.comm,
            cmdline: process.commandLine, cgroup: process.cgroupPath, pod: placement?.pod,
            namespace: placement?.namespace, container: placement?.container, uid: process.uid,
            rssBytes: process.residentBytes, freeableBytes: process.freeableBytes, oomScore: process.oomScore,
            oomScoreAdj: process.oomScoreAdj)
    }
}

extension KillSignal {
    /// The name the event log uses: `SIGKILL`, `SIGTERM`.
    var name: String {
        switch self {
        case .terminate: "SIGTERM"
        case .kill: "SIGKILL"
        }
    }
}

extension SkippedCandidate {
    /// `4242 (hog): exited before the kill`, for an event's `errors`.
    var eventText: String {
        let why =
            switch reason {
            case .vanished: "exited before the kill"
            case .identityChanged: "its pid belongs to another process now"
            case .failed(let error): error.description
            }
        return "\(identity.pid) (\(comm)): \(why)"
    }
}
