import Predictor

/// The plot of one target from the event log (`fastoomd events --plot`): each state change,
/// kill and would-be kill carries its trigger (state, probability, available memory), which
/// gives the points of both series and the state bands; kills become markers. Time is the
/// wall clock, in seconds from the target's first event.
enum EventPlot {
    static func plot(of events: [Event], target wanted: String?) -> SVGPlot {
        let plotted: Set<Event.Kind> = [.stateChanged, .kill, .wouldKill]
        let relevant = events.filter { plotted.contains($0.kind) && $0.trigger != nil && $0.target != nil }
        let target = wanted ?? relevant.first?.target ?? "node"
        let mine = relevant.filter { $0.target == target }.sorted { $0.wallMs < $1.wallMs }
        let originMs = mine.first?.wallMs ?? 0
        let since = mine.first.map { " from " + WallClock.iso8601($0.wallMs) } ?? ": no events"
        var plot = SVGPlot(title: "fastoomd events: \(target)\(since)", originMs: originMs)
        for event in mine {
            guard let trigger = event.trigger else { continue }
            plot.available.append(SVGPlot.Point(tMs: event.wallMs, value: Double(trigger.availableBytes)))
            plot.probability.append(SVGPlot.Point(tMs: event.wallMs, value: trigger.probability))
            if let state = AssessmentState(rawValue: trigger.state) { plot.track(state: state, atMs: event.wallMs) }
            guard event.kind != .stateChanged else { continue }
            let victim = event.victim.map { " \($0.comm) (\($0.pid))" } ?? ""
            plot.markers.append(
                SVGPlot.Marker(tMs: event.wallMs, label: (event.kind == .kill ? "kill" : "would kill") + victim))
        }
        return plot
    }
}
