import Predictor
import Testing

@testable import fastoomd

@Suite struct ReplayOutputTests {
    @Test func aChangeIsOneJSONLineWithSortedKeysAndRoundedProbability() {
        let change = Replay.Change(
            tMs: 8750, state: .nearOOM, probability: 0.929_312_5, action: .kill,
            reasons: [Reason(feature: .exhaustion, value: 0.004_21, contribution: 7.583)])
        #expect(
            JSONLines.line(ReplayOutput.ChangeLine(change))
                == #"{"action":"kill","probability":0.9293,"reasons":["exhaustion=0.0042 (+7.58)"],"#
                + #""state":"near_oom","t_ms":8750}"#)
    }

    @Test func theSummaryLineWritesNullWhenNothingWasDone() {
        let summary = Replay.Summary(firstActionMs: nil, actions: 0, samples: 681, maxProbability: 0.4)
        #expect(
            JSONLines.line(ReplayOutput.SummaryLine(summary))
                == #"{"actions":0,"first_action_ms":null,"samples":681,"summary":true}"#)
    }

    @Test func aTableRowHasTheTimeStateProbabilityActionAndReasons() {
        let change = Replay.Change(
            tMs: 9850, state: .ok, probability: 0.0067, action: .none, reasons: [])
        #expect(ReplayOutput.tableRow(change) == "    9850  ok        0.0067  none")
    }
}
